# SPDX-License-Identifier: GPL-2.0
#
# The build rules shared by the userspace programs (tests/uapi/Makefile,
# tools/agx-client/Makefile), included after each has set SRC (its source directory).
# Objects go to O (default: the source directory); VPATH finds the shared sources
# (ktap.c, uapi.c) in tests/uapi.
#
#   make -C DIR O=OUT [CC=aarch64-linux-gnu-gcc] [STATIC=1] [DRM_CFLAGS=... DRM_LIBS=...]
#
# The cases of an ioctl only run if agx.ko's ioctl table has it: the list is compiled in
# (O/ioctls.h) from the DRM_IOCTL_DEF_DRV(ASAHI_*) entries of driver/.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
UAPI := $(TOP)/tests/uapi
O ?= .
CC ?= gcc
PKG_CONFIG ?= pkg-config
DRM_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libdrm)
DRM_LIBS ?= $(shell $(PKG_CONFIG) --libs libdrm)
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Werror -MMD -MP
CPPFLAGS += -I$(O) -I$(SRC) -I$(UAPI) -I$(TOP)/include/uapi $(DRM_CFLAGS)
LDFLAGS += $(if $(STATIC),-static)
HAVE_UAPI := $(wildcard $(TOP)/include/uapi/drm/asahi_drm.h)
VPATH := $(SRC) $(UAPI)
.DEFAULT_GOAL := all

# make counts parentheses inside $(shell): the regular expressions take theirs from $(LP)
LP := (
IOCTLS := $(shell grep -rhoE 'DRM_IOCTL_DEF_DRV[$(LP)]ASAHI_[A-Z_]+' $(TOP)/driver 2>/dev/null | \
		  sed 's/.*[$(LP)]ASAHI_//' | sort -u | tr '\n' ' ')

$(O)/%.o: %.c $(O)/ioctls.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# rewritten only when the list or the header's presence changes: objects rebuild only then
$(O)/ioctls.h: FORCE
	@mkdir -p $(O)
	@{ echo '#define AGX_IOCTLS "$(strip $(IOCTLS))"'; \
	   echo '/* uapi header: $(HAVE_UAPI) */'; } > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

-include $(O)/*.d

.PHONY: FORCE
