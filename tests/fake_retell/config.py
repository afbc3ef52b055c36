# -*- coding: utf-8 -*-
"""Run-time switches of the fake, each modelling one open question of the contract."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

DEFAULT_API_KEYS = {'default': 'test-key-default', 'other': 'test-key-other'}

DEFAULTS = {
    # How "this number is not in your workspace" is answered on get, update and delete.
    'not_found_mode': '404',
    # What happens to request fields the endpoint does not know.
    'unknown_fields': 'reject',
    # Whether responses carry the deprecated single-agent keys.
    'legacy_fields_in_response': False,
    # Whether sip_outbound_trunk_config.transport reads "TCP" when it was never set.
    'transport_default_echo': False,
    # Whether PATCH with an empty body is a no-op success ("noop") or a 400 ("reject").
    'empty_patch': 'noop',
    # Area codes (3-digit integers) in which create-phone-number finds no number left to sell.
    'exhausted_area_codes': [],
}

CHOICES = {
    'not_found_mode': ('404', '422'),
    'unknown_fields': ('reject', 'ignore'),
    'empty_patch': ('noop', 'reject'),
}

BOOLEANS = ('legacy_fields_in_response', 'transport_default_echo')
AREA_CODE_LISTS = ('exhausted_area_codes',)


class ConfigError(ValueError):
    """A control request tried to set an invalid configuration."""


class Config:
    """The current switches plus the API keys (label -> secret; a label names a workspace)."""

    def __init__(self, startup=None):
        """`startup` (same shape as a /__fake__/config body) becomes the state reset() returns to."""
        self.values = copy.deepcopy(DEFAULTS)
        self.api_keys = dict(DEFAULT_API_KEYS)
        if startup:
            self.update(startup)
        self._base = (copy.deepcopy(self.values), dict(self.api_keys))

    def reset(self):
        self.values = copy.deepcopy(self._base[0])
        self.api_keys = dict(self._base[1])

    def __getitem__(self, name):
        return self.values[name]

    def label_for_key(self, key):
        """Return the workspace label that owns an API key, or None."""
        for label, secret in self.api_keys.items():
            if secret == key:
                return label
        return None

    def snapshot(self):
        """The configuration as shown to clients: API keys appear as labels only."""
        out = copy.deepcopy(self.values)
        out['api_keys'] = sorted(self.api_keys)
        return out

    def update(self, changes):
        """Validate every change first, then apply them all (all or nothing)."""
        if not isinstance(changes, dict):
            raise ConfigError('config must be a JSON object')
        staged = copy.deepcopy(self.values)
        staged_keys = None
        for name, value in changes.items():
            if name in CHOICES:
                # Accept 404 / 422 as numbers too; they are easy to type that way.
                if name == 'not_found_mode' and isinstance(value, int) and not isinstance(value, bool):
                    value = str(value)
                if value not in CHOICES[name]:
                    raise ConfigError('%s must be one of %s' % (name, ', '.join(CHOICES[name])))
                staged[name] = value
            elif name in BOOLEANS:
                if not isinstance(value, bool):
                    raise ConfigError('%s must be a boolean' % name)
                staged[name] = value
            elif name in AREA_CODE_LISTS:
                staged[name] = _check_area_codes(name, value)
            elif name == 'api_keys':
                staged_keys = _check_api_keys(value)
            else:
                raise ConfigError('unknown config key: %s' % name)
        self.values = staged
        if staged_keys is not None:
            self.api_keys = staged_keys
        return self.snapshot()


def _check_area_codes(name, value):
    if not isinstance(value, list) or not all(
            isinstance(code, int) and not isinstance(code, bool) and 100 <= code <= 999 for code in value):
        raise ConfigError('%s must be a list of 3-digit integers' % name)
    return sorted(set(value))


def _check_api_keys(value):
    if not isinstance(value, dict) or not value:
        raise ConfigError('api_keys must be a non-empty object mapping labels to keys')
    seen = set()
    for label, key in value.items():
        if not isinstance(label, str) or not label:
            raise ConfigError('api_keys labels must be non-empty strings')
        if not isinstance(key, str) or not key:
            raise ConfigError('api_keys[%s] must be a non-empty string' % label)
        if key in seen:
            raise ConfigError('api_keys must not give the same key to two labels')
        seen.add(key)
    return dict(value)
