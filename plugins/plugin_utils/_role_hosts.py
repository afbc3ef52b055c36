# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What each host of a play batch asks the phone_numbers role for, read on the controller.

The batched role decides for every host of the batch in one task, so it must see each host's
variables exactly as that host's own task would: the role's module_defaults, the conditions the
role runs under, the API host it delegates to and the environment. Ansible offers no public API
for another host's task variables; the few private attributes used here are read in one place,
and when they are missing the role falls back to one module call per host.

Private to the collection: names may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from jinja2 import Environment, nodes
from jinja2.meta import find_undeclared_variables

from ansible.errors import AnsibleError
from ansible.playbook.task_include import TaskInclude

from ansible_collections.retellai.retell.plugins.module_utils._phone_number import phone_number_argument_spec

try:  # ansible-core 2.19 and later
    from ansible.errors import AnsibleValueOmittedError
except ImportError:  # ansible-core 2.16 to 2.18: an omitted value templates to the omit placeholder
    AnsibleValueOmittedError = None

ROLE_PREFIX = 'retell_'
# A host is one number when it names the number, or asks to buy one that its nickname identifies.
NUMBER_VARIABLES = ('retell_phone_number', 'retell_purchase')
LIST_VARIABLE = 'retell_phone_numbers'
API_HOST_VARIABLE = 'phone_numbers_api_host'
BOTH_OR_NEITHER = 'Set retell_phone_number (this host is one number) or retell_phone_numbers (a list of numbers), not both.'
# Strategies that run a task on every host of the batch before the next task starts.
LOCKSTEP_STRATEGIES = frozenset('%s%s' % (prefix, name) for prefix in ('', 'ansible.builtin.', 'ansible.legacy.')
                                for name in ('linear', 'debug'))


class HostInputs:
    """One host's variables with a templar over them: the role's inputs as that host's task sees them."""

    def __init__(self, name, variables, templar, shared=None):
        self.name = name
        self.variables = variables
        self.templar = templar.copy_with_new_env(available_variables=variables)
        self._shared = shared or SharedTemplates()

    def defined(self, name):
        return name in self.variables

    def value(self, name, default=None):
        """The templated value of a variable; `default` when it is unset or templates to omit."""
        if name not in self.variables:
            return default
        return self.template(self.variables[name], default)

    def template(self, value, default=None):
        return self._shared.template(self, value, default)

    def render(self, value, default=None):
        """Template `value` with this host's variables (uncached)."""
        try:
            value = self.templar.template(value)
        except AnsibleError as error:
            if AnsibleValueOmittedError is not None and isinstance(error, AnsibleValueOmittedError):
                return default
            raise
        omit = self.variables.get('omit')
        return default if omit is not None and value == omit else value

    def mode(self):
        """'number' or 'list', or None when the host sets both or neither."""
        number, listed = any(self.defined(name) for name in NUMBER_VARIABLES), self.defined(LIST_VARIABLE)
        if number == listed:
            return None
        return 'number' if number else 'list'

    def number_options(self):
        """The options of retellai.retell.retell_phone_number this host sets through retell_* variables."""
        options = {}
        for option in phone_number_argument_spec():
            value = self.value(ROLE_PREFIX + option, _UNSET)
            if value is not _UNSET:
                options[option] = value
        return options

    def module_args(self, task, action, args):
        """`args` with the task's module_defaults for `action`, as Ansible would hand them to that module."""
        merged = {}
        for option, raw in module_defaults_for(task, action).items():
            if option not in args:
                value = self.template(raw, _UNSET)
                if value is not _UNSET:
                    merged[option] = value
        merged.update(args)
        return merged

    def runs(self, task):
        """Whether the task's conditions hold for this host, the conditions of dynamic includes above it too."""
        return all(_conditions_hold(node, self) for node in [task] + _dynamic_includes(task))

    def environment(self, task):
        """The task's environment as this host would template it (the role itself sets none)."""
        merged = {}
        for entry in _raw_environment(task):
            value = self.render(entry, {})
            if isinstance(value, dict):
                merged.update(value)
        return merged


_UNSET = object()


def module_defaults_for(task, action):
    """The untemplated module_defaults that apply to `action`: its groups' first, then its own, as ansible-core merges them."""
    defaults = {}
    for entry in _raw_module_defaults(task) or []:
        defaults.update(entry)
    groups = task.get_play()._action_groups.get(action, [])
    merged = {}
    for key, value in defaults.items():
        if key.startswith('group/') and key[len('group/'):] in groups:
            merged.update(value or {})
    merged.update(defaults.get(action) or {})
    return merged


def _raw_module_defaults(task):
    # ansible-core before 2.19 templates the task's own module_defaults (for the host running it) before
    # the action starts; the parent block still holds them untemplated.
    parent = getattr(task, '_parent', None)
    return parent.module_defaults if parent is not None else task.module_defaults


class SharedTemplates:
    """Templates that every host of a batch renders, rendered once per distinct input.

    ansible-core compiles a template each time it renders one (about a millisecond), and the role's
    module_defaults hold one template per connection option. A template is shared between hosts only
    when the variables it names hold the same plain data (no template) for both and it calls no
    function (a lookup may answer differently each time); anything else is rendered per host.
    """

    VOLATILE_FILTERS = frozenset(('random', 'shuffle'))

    def __init__(self):
        self._names = {}
        self._rendered = {}
        self._parser = Environment()

    def template(self, inputs, value, default=None):
        if not _holds_template(value):
            # Plain data needs no templating (anything else, such as a vaulted value, goes through the templar).
            return value if _frozen(value) is not None else inputs.render(value, default)
        if not isinstance(value, str):
            return inputs.render(value, default)
        key = self._key(inputs, value)
        if key is None:
            return inputs.render(value, default)
        if key not in self._rendered:
            self._rendered[key] = inputs.render(value, _UNSET)
        rendered = self._rendered[key]
        return default if rendered is _UNSET else rendered

    def _key(self, inputs, value):
        names = self._referenced(value)
        if names is None:
            return None
        parts = []
        for name in names:
            raw = inputs.variables.get(name, _UNSET)
            if raw is not _UNSET and _holds_template(raw):
                return None
            frozen = _frozen(raw)
            if frozen is None:
                return None
            parts.append(frozen)
        return (value, tuple(parts))

    def _referenced(self, value):
        if value not in self._names:
            self._names[value] = self._parse(value)
        return self._names[value]

    def _parse(self, value):
        try:
            tree = self._parser.parse(value)
        except Exception:  # pylint: disable=broad-exception-caught
            return None
        if any(isinstance(call.node, nodes.Name) for call in tree.find_all(nodes.Call)):
            return None
        if any(node.name in self.VOLATILE_FILTERS for node in tree.find_all(nodes.Filter)):
            return None
        return tuple(sorted(find_undeclared_variables(tree)))


def _holds_template(value):
    if isinstance(value, str):
        return '{{' in value or '{%' in value
    if isinstance(value, dict):
        return any(_holds_template(key) or _holds_template(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return any(_holds_template(item) for item in value)
    return False


def _frozen(value):
    """A hashable copy of plain data, or None for anything else."""
    if value is _UNSET or value is None or isinstance(value, (bool, int, float, str)):
        return (type(value).__name__, value if value is not _UNSET else '<unset>')
    if isinstance(value, (list, tuple)):
        items = [_frozen(item) for item in value]
        return None if any(item is None for item in items) else ('list', tuple(items))
    if isinstance(value, dict):
        items = [(_frozen(key), _frozen(item)) for key, item in value.items()]
        return None if any(k is None or v is None for k, v in items) else ('dict', tuple(sorted(items, key=repr)))
    return None


def _raw_environment(task):
    parent = getattr(task, '_parent', None)
    return (parent.environment if parent is not None else None) or []


def _conditions_hold(node, inputs):
    if not node.when:
        return True
    if hasattr(node, 'evaluate_conditional'):  # ansible-core 2.16 to 2.18
        return node.evaluate_conditional(inputs.templar, inputs.variables)
    return node._resolve_conditional(node.when, inputs.variables)


def _dynamic_includes(task):
    """include_role / include_tasks above the task: their own `when` is not inherited by the included tasks."""
    found = []
    node = getattr(task, '_parent', None)
    while node is not None:
        if isinstance(node, TaskInclude) and not getattr(node, 'statically_loaded', True):
            found.append(node)
        node = getattr(node, '_parent', None)
    return found


def _strategy(task):
    return getattr(task.get_play(), 'strategy', None) or 'linear'


def runs_in_lockstep(task):
    """Whether every host of the batch finishes a task before any host starts the next one."""
    return _strategy(task) in LOCKSTEP_STRATEGIES


def batching_blocker(task):
    """Why the batch cannot be reconciled in one task (None when it can)."""
    if not runs_in_lockstep(task):
        return ('the play uses strategy %s, which does not run a task on every host of the batch before the next '
                'task' % _strategy(task))
    if task.throttle:
        return 'throttle is %s, so at most that many hosts may call the Retell API at once' % task.throttle
    if any(node.loop or getattr(node, 'loop_with', None) for node in _dynamic_includes(task)):
        return 'the role is included in a loop, so each loop item has its own variables'
    return None


class BatchHosts:
    """The other hosts of the batch, their variables computed the way the strategy computes them for this task."""

    def __init__(self, task, task_vars):
        hostvars = task_vars.get('hostvars')
        self._variable_manager = getattr(hostvars, '_variable_manager', None)
        self._inventory = getattr(hostvars, '_inventory', None)
        self._task = task
        self._task_vars = task_vars

    @property
    def available(self):
        return self._variable_manager is not None and self._inventory is not None

    def names(self):
        return list(self._task_vars.get('ansible_play_batch') or [])

    def variables(self, name):
        if name == self._task_vars.get('inventory_hostname'):
            return self._task_vars
        return self._variable_manager.get_vars(
            play=self._task.get_play(), host=self._inventory.get_host(name), task=self._task,
            _hosts=self._task_vars.get('ansible_play_batch'), _hosts_all=self._task_vars.get('ansible_play_hosts_all'))
