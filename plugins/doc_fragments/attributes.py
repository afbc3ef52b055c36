# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
attributes:
  action_group:
    description: Use C(group/retellai.retell.retell) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - retellai.retell.retell
notes:
  - All connection options can be set once for every module of the collection with
    C(module_defaults) and the action group C(group/retellai.retell.retell).
'''

    CHECK_MODE_DIFF = r'''
attributes:
  check_mode:
    description: Takes the same decision as a real run, through the same code, and sends no write.
    support: full
  diff_mode:
    description: Shows before and after of only the settings that change; secrets are masked.
    support: full
'''

    INFO = r'''
attributes:
  check_mode:
    description: Read-only; runs the same in check mode.
    support: full
    details: This module never changes anything.
  diff_mode:
    description: Read-only; there is never a diff.
    support: N/A
'''
