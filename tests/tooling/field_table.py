# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write or check the field-mapping table in docs/docsite/rst/how_it_decides.rst.

The table is generated from the FIELDS table in plugins/module_utils/_phone_number.py and
from what that module's own functions do (which body key a value goes into on import,
create and update, what a PATCH
sends to clear it, which clear values the input rules refuse), so the guide cannot drift
from the code.

Usage (needs ansible-core importable, as in the release venv):
    python tests/tooling/field_table.py --check   # exit 1 if the guide's table is stale
    python tests/tooling/field_table.py --write   # rewrite the table in place
    python tests/tooling/field_table.py --print   # print the table
"""

from __future__ import annotations

import json
import os
import sys

from generated_block import ROOT, load_module_utils, main as generated_main

GUIDE = os.path.join(ROOT, 'docs', 'docsite', 'rst', 'how_it_decides.rst')
BEGIN = '.. BEGIN GENERATED FIELD TABLE: edit tests/tooling/field_table.py, then run it with --write'
END = '.. END GENERATED FIELD TABLE'
SAMPLE_NUMBER = '+14155550100'

# How _phone_number._COMPARERS treats each kind, in words. A kind missing here fails the run,
# so a new kind of field cannot reach the guide undescribed.
COMPARED_AS = {
    'text': 'text; ``""`` and unset are equal',
    'secret': 'never compared (Retell never returns it)',
    'uri': 'text',
    'url': 'text; ``""`` and unset are equal',
    'e164': 'text; ``""`` and unset are equal',
    'transport': 'upper-case; unset or ``null`` on Retell counts as ``TCP``',
    'codecs': 'ordered list (the order is the preference); ``[]`` and unset are equal',
    'countries': 'set of upper-case codes; ``[]`` and ``null`` are equal',
    'agents': 'set of agents by ``agent_id``; weights within 1e-6; ``agent_version`` only when the task gives '
              'it; ``[]`` and ``null`` are equal',
}


def _literal(value):
    return '``%s``' % json.dumps(value)


def rows():
    client, pn = load_module_utils()
    spec = pn.phone_number_argument_spec()
    result = []
    for field in pn.FIELDS:
        if field.kind not in COMPARED_AS:
            raise SystemExit('field_table: no description of kind %r (field %s) in COMPARED_AS'
                             % (field.kind, field.option))
        option_spec = spec[field.option]
        clear_value = [] if option_spec['type'] == 'list' else ''
        try:
            if 'choices' in option_spec and clear_value not in option_spec['choices']:
                # AnsibleModule refuses the value before the module's own input rules see it
                raise client.InvalidOption(field.option, 'not one of the choices')
            desired = pn.desired_from_params({'phone_number': SAMPLE_NUMBER, field.option: clear_value})
        except client.InvalidOption:
            clear = 'cannot be cleared'
        else:
            sent = pn.update_body(desired, [field.option], {})[field.update_key]
            clear = '%s, PATCH sends %s' % (_literal(clear_value), _literal(sent))
        get_path = '.'.join(field.response_path) if field.response_path else 'never returned'
        notes = []
        if field.import_key is None and field.create_key is None:
            notes.append('update only: a new number gets it by a PATCH right after the import or the purchase')
        elif field.import_key is None:
            notes.append('not accepted on import: an imported number gets it by a PATCH right after the import')
        if field.kind == 'secret':
            notes.append('sent on import, and on update only with ``update_password: always``')
        if field.custom_only:
            notes.append('imported (``custom``) numbers only')
        if field.create_key:
            create = '``%s``' % field.create_key
        else:
            create = 'refused with ``purchase``' if field.custom_only else 'not accepted'
        result.append([
            '``%s``' % field.option,
            '``%s``' % field.import_key if field.import_key else 'not accepted',
            create,
            '``%s``' % field.update_key,
            '``%s``' % get_path if field.response_path else get_path,
            COMPARED_AS[field.kind],
            clear,
            '; '.join(notes) or '',
        ])
    return result


def render():
    header = ['Module option', 'Import body key', 'Create body key', 'Update body key', 'Where GET shows it',
              'Compared as', 'To clear', 'Notes']
    lines = [
        '',
        '.. list-table::',
        '   :header-rows: 1',
        '   :widths: 14 14 14 12 20 18 14 14',
        '',
    ]
    for row in [header] + rows():
        lines.append('   * - %s' % (row[0] or '\\'))
        for cell in row[1:]:
            lines.append('     - %s' % cell if cell else '     -')
    lines.append('')
    return '\n'.join(lines) + '\n'


def main():
    return generated_main(sys.argv, GUIDE, BEGIN, END, render, 'the field table', 'field_table.py')


if __name__ == '__main__':
    sys.exit(main())
