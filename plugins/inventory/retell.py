# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: retell
short_description: Retell AI phone numbers as inventory, one host per number
version_added: 0.2.0
description:
  - Lists every phone number of a Retell workspace with C(GET /v2/list-phone-numbers), 1000 numbers per
    request, so N numbers cost ceil(N / 1000) requests.
  - Every number becomes one host whose variables are exactly the inputs of the role
    P(retellai.retell.phone_numbers#role), C(retell_phone_number), C(retell_nickname), C(retell_termination_uri), C(retell_sip_trunk_auth_username),
    C(retell_transport), C(retell_codecs), C(retell_inbound_agents), C(retell_outbound_agents),
    C(retell_inbound_sms_agents), C(retell_outbound_sms_agents), C(retell_allowed_inbound_country_list),
    C(retell_allowed_outbound_country_list), C(retell_inbound_webhook_url), C(retell_inbound_sms_webhook_url) and
    C(retell_fallback_number). Agent entries keep the C(agent_version) Retell holds.
  - Settings that Retell holds as null (unset) are left out, so the role leaves them unmanaged. The role run in
    check mode over this inventory therefore reports no change and sends no write.
  - Retell's read-only facts sit under the same prefix, for grouping and filtering (the role does not read them),
    C(retell_phone_number_type), C(retell_phone_number_pretty), C(retell_area_code) and
    C(retell_last_modification_timestamp).
  - A number that is not in E.164 format (an internal pseudo number) also gets C(retell_ignore_e164_validation=true).
  - Every host is in the group C(retell_numbers), a child of C(retell), the groups that the example playbook
    C(playbooks/phone_numbers.yml) and the role's documentation use.
  - The API key is never stored in host variables or in the inventory cache. Retell never returns SIP trunk
    passwords, so no host has C(retell_sip_trunk_auth_password).
  - The configuration file must be named C(retell.yml) or C(retell.yaml), or end in C(.retell.yml) or C(.retell.yaml).
author:
  - Retell collection maintainers (@retellai)
requirements:
  - requests >= 2.25
extends_documentation_fragment:
  - retellai.retell.connection
  - constructed
  - inventory_cache
options:
  plugin:
    description: The name of this plugin; it marks the file as a configuration for it.
    type: str
    required: true
    choices: [retellai.retell.retell]
  api_key:
    description:
      - Retell API key of the workspace to list, sent as a Bearer token.
      - When not set, the value of the E(RETELL_API_KEY) environment variable is used; an empty variable counts as unset.
        In AWX, a credential of the collection's C(Retell AI) credential type injects it.
      - The value may be a template, such as a C(lookup) into a secret store, or a vault-encrypted string.
      - The key is never written to host variables, the inventory cache or any output.
    type: str
    env:
      - name: RETELL_API_KEY
  base_url:
    description:
      - Base URL of the Retell API.
      - When not set, the value of the E(RETELL_BASE_URL) environment variable is used,
        and when that is unset or empty, V(https://api.retellai.com).
      - The value may be a template.
    type: str
    env:
      - name: RETELL_BASE_URL
  hostnames:
    description:
      - How to name each host. By default the host is named after the phone number, such as V(+14155550100).
      - A template evaluated over the host's variables (the C(retell_*) variables above), such as
        V({{ retell_nickname | default(retell_phone_number\) | lower | regex_replace('[^a-z0-9]+', '_'\) }}).
      - Two numbers that would get the same name are an error that names both numbers; so is an empty name.
    type: str
  filters:
    description:
      - Jinja conditionals over the host's variables, written as in C(when). A number becomes a host only
        when all of them are true, for example V(retell_phone_number_type == 'custom').
      - A conditional that cannot be evaluated for a number (an undefined variable, for example) drops that number,
        or fails the inventory when O(strict=true).
    type: list
    elements: str
    default: []
seealso:
  - ref: retellai.retell.phone_numbers role <ansible_collections.retellai.retell.phone_numbers_role>
    description: The role whose inputs these host variables are; run it over this inventory.
  - module: retellai.retell.retell_phone_number_info
    description: Read one number, or list every number with filters, inside a playbook.
  - ref: ansible_collections.retellai.retell.docsite.adopt
    description: Adopt existing numbers - export a workspace, commit it, manage it with the role.
  - ref: ansible_collections.retellai.retell.docsite.awx
    description: AWX and Automation Platform - the credential type, and this plugin as an inventory source.
'''

EXAMPLES = r'''
# The smallest configuration, retell.yml, takes every number of the workspace whose key is in
# RETELL_API_KEY:
#
#   plugin: retellai.retell.retell
#
# production.retell.yml: groups by type and by inbound agent, only numbers of your own SIP trunk,
# hosts named after their nickname, the key from a file (any lookup works), and a cache for an hour.
plugin: retellai.retell.retell
api_key: "{{ lookup('ansible.builtin.file', '~/.retell/production.key') }}"
hostnames: "{{ retell_nickname | default(retell_phone_number) | lower | regex_replace('[^a-z0-9]+', '_') }}"
filters:
  - retell_phone_number_type == 'custom'
  - retell_termination_uri is defined
keyed_groups:
  - key: retell_phone_number_type
    prefix: type
  - key: retell_inbound_agents | default([]) | map(attribute='agent_id') | list
    prefix: inbound
groups:
  unassigned: retell_inbound_agents is not defined and retell_outbound_agents is not defined
compose:
  ansible_connection: "'local'"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/retell-inventory
cache_timeout: 3600

# Then, for example:
#   ansible-inventory -i retell.yml --graph
#   ansible-inventory -i retell.yml --list --yaml > inventory/hosts.yml   # adopt: commit the static copy
#   ansible-playbook -i retell.yml playbooks/phone_numbers.yml --check --diff   # reports changed=0
'''

import hashlib

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.module_utils.common.text.converters import to_native, to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.retellai.retell.plugins.module_utils._client import (
    HAS_REQUESTS,
    ConnectionSettings,
    RetellClient,
    RetellError,
    connection_argument_spec,
)
from ansible_collections.retellai.retell.plugins.module_utils._inventory import duplicate_names, host_vars

try:
    # ansible-core 2.19 and later never template data that did not come from a trusted source.
    from ansible.template import trust_as_template  # noqa: F401 pylint: disable=unused-import
except ImportError:
    # Earlier versions template every string unless it is marked unsafe: a nickname set to
    # "{{ lookup('pipe', ...) }}" in the Retell dashboard must stay text.
    from ansible.utils.unsafe_proxy import wrap_var
else:
    wrap_var = None


def _untrusted(value):
    """Retell's data, safe from templating; before 2.19 only strings with a brace are marked, as
    community.general does, because AWX's inventory import chokes on values marked unsafe."""
    if wrap_var is None:
        return value
    if isinstance(value, dict):
        return dict((key, _untrusted(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_untrusted(item) for item in value]
    if isinstance(value, str) and ('{' in value or '}' in value):
        return wrap_var(value)
    return value


def _plain(value):
    """A host name as a plain str: an unsafe-marked name would show up as {"__ansible_unsafe": ...} in group lists."""
    return str.__str__(to_text(value))


CONFIG_SUFFIXES = ('retell.yml', 'retell.yaml')
GROUP = 'retell_numbers'
PARENT_GROUP = 'retell'
TEMPLATABLE = ('api_key', 'base_url')


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'retellai.retell.retell'

    def verify_file(self, path):
        """Only retell.yml, retell.yaml, *.retell.yml and *.retell.yaml, as aws_ec2 does for its files."""
        if not super(InventoryModule, self).verify_file(path):
            return False
        name = to_text(path).replace('\\', '/').rsplit('/', 1)[-1]
        if name in CONFIG_SUFFIXES or name.endswith(tuple('.' + suffix for suffix in CONFIG_SUFFIXES)):
            return True
        self.display.vvv('Skipping %s: a retellai.retell.retell file is named retell.yml or ends in .retell.yml' % path)
        return False

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache=cache)
        self._read_config_data(path)
        if not HAS_REQUESTS:
            raise AnsibleError('The retellai.retell.retell inventory plugin needs the Python library requests '
                               '(pip install requests) in the Python that runs Ansible')
        try:
            settings = ConnectionSettings(self._connection_params())
        except RetellError as error:
            raise AnsibleParserError(to_native(error))
        for warning in settings.warnings:
            self.display.warning(warning)
        numbers = self._numbers(settings, path, cache)
        self._populate(numbers)

    # ---- reading Retell, or the cache ----------------------------------------------------------

    def _connection_params(self):
        params = dict((name, self.get_option(name)) for name in connection_argument_spec())
        for name in TEMPLATABLE:
            params[name] = self._templated(params[name])
        return params

    def _templated(self, value):
        if value is None:
            return None
        # str() also decrypts an inline vault value.
        value = to_text(value)
        if self.templar.is_template(value):
            self.templar.available_variables = self._vars or {}
            value = to_text(self.templar.template(value))
        return value or None

    def _numbers(self, settings, path, cache):
        """The host variables of every number, from the cache when it is on and fresh, else from Retell."""
        use_cache = self.get_option('cache')
        key = self._cache_key(path, settings)
        if use_cache and cache:
            try:
                return self._cache[key]
            except KeyError:
                pass
        numbers = self._list(settings)
        if use_cache:
            self._cache[key] = numbers
        return numbers

    def _cache_key(self, path, settings):
        # One cache entry per workspace and endpoint: a different key must not get another workspace's numbers.
        # A short digest cannot give the key away; the key itself never reaches the cache.
        workspace = hashlib.sha256(('%s\n%s' % (settings.base_url, settings.api_key)).encode('utf-8')).hexdigest()[:12]
        return '%s_%s' % (self.get_cache_key(path), workspace)

    def _list(self, settings):
        client = RetellClient(settings, warn=self.display.warning)
        try:
            items = client.list_phone_numbers()
        except RetellError as error:
            raise AnsibleParserError(to_native(error))
        numbers = []
        for item in items:
            variables = host_vars(item)
            if variables is None:
                self.display.warning('Retell listed an entry without a phone_number; it is not in the inventory')
                continue
            numbers.append(variables)
        return numbers

    # ---- building the inventory ----------------------------------------------------------------

    def _populate(self, numbers):
        strict = self.get_option('strict')
        kept = [_untrusted(variables) for variables in numbers]
        kept = [variables for variables in kept if self._passes_filters(variables, strict)]
        named = [(self._host_name(variables), variables) for variables in kept]
        self._refuse_duplicates(named)
        if named:
            self.inventory.add_group(PARENT_GROUP)
            self.inventory.add_group(GROUP)
            self.inventory.add_child(PARENT_GROUP, GROUP)
        for name, variables in named:
            self.inventory.add_host(name, group=GROUP)
            for key, value in variables.items():
                self.inventory.set_variable(name, key, value)
            self._set_composite_vars(self.get_option('compose'), variables, name, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), variables, name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), variables, name, strict=strict)

    def _passes_filters(self, variables, strict):
        for condition in self.get_option('filters'):
            try:
                holds = self._holds(condition, variables)
            except Exception as error:  # pylint: disable=broad-except  # any template error, as constructed does
                if strict:
                    raise AnsibleParserError('filters: %r could not be evaluated for %s: %s'
                                             % (condition, variables['retell_phone_number'], to_native(error)))
                return False
            if not holds:
                return False
        return True

    def _holds(self, condition, variables):
        self.templar.available_variables = variables
        evaluate = getattr(self.templar, 'evaluate_conditional', None)
        if evaluate is not None:
            return evaluate(condition)
        # ansible-core before 2.19 evaluates conditionals the way Constructable does for groups.
        return boolean(self.templar.template('{%% if %s %%} True {%% else %%} False {%% endif %%}' % condition))

    def _host_name(self, variables):
        template = self.get_option('hostnames')
        number = _plain(variables['retell_phone_number'])
        if not template:
            return number
        self.templar.available_variables = variables
        try:
            name = _plain(self.templar.template(template)).strip()
        except Exception as error:  # pylint: disable=broad-except  # any template error
            raise AnsibleParserError('hostnames: the template failed for %s: %s' % (number, to_native(error)))
        if not name:
            raise AnsibleParserError('hostnames: the template gives an empty host name for %s' % number)
        return name

    @staticmethod
    def _refuse_duplicates(named):
        duplicates = duplicate_names((variables['retell_phone_number'], name) for name, variables in named)
        if duplicates:
            shown = '; '.join('%s: %s' % (name, _some(numbers)) for name, numbers in sorted(duplicates.items()))
            raise AnsibleParserError('hostnames: more than one number would get the same host name (%s); '
                                     'make the template unique per number' % shown)


def _some(numbers, shown=5):
    if len(numbers) <= shown:
        return ', '.join(numbers)
    return '%s and %d more' % (', '.join(numbers[:shown]), len(numbers) - shown)
