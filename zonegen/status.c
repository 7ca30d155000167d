/* status.c: stable English text for each zg_status_t. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include "zonegen/zonegen.h"

/* Indexed by zg_status_t; keep in the order of the enum. */
static const char *const status_messages[ZG_STATUS__COUNT] = {
	[ZG_OK] = "success",
	[ZG_ERR_NOMEM] = "out of memory",
	[ZG_ERR_IO] = "input/output error",
	[ZG_ERR_PROFILE] = "invalid profile",
	[ZG_ERR_DOMAIN] = "invalid domain name",
	[ZG_ERR_ARGUMENT] = "invalid argument",
};

const char *
zg_status_str(zg_status_t status)
{
	/* The enum may be signed or unsigned: compare as an int. */
	if ((int)status < 0 || (int)status >= ZG_STATUS__COUNT ||
	    status_messages[status] == NULL) {
		return "unknown status";
	}
	return status_messages[status];
}
