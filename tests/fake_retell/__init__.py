# -*- coding: utf-8 -*-
"""A local fake of the Retell AI phone-number REST API, for tests and demos.

    from fake_retell import FakeRetell
    with FakeRetell() as srv:
        ...  # point the client at srv.url with "Authorization: Bearer test-key-default"
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .server import FakeRetell

__all__ = ['FakeRetell']
