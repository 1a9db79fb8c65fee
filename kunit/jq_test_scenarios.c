// SPDX-License-Identifier: GPL-2.0
#include "jq_mock.h"
