# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every message docs/docsite/rst/troubleshooting.rst lists is one the collection really shows.

Each listed message has one scenario here that runs a module of the collection in-process, as
Ansible would (its main(), its argument checks, the engine and the client), against scripted HTTP
answers, and checks that the module shows the message exactly as listed. The tests fail when the
guide lists a message without a scenario, when a scenario's message is no longer in the guide,
and when a module does not show the message its scenario is about.

To add a message (one table entry per message):

1. In troubleshooting.rst, write the message as the term of a definition list: one line holding
   one inline literal, ``like this``, optionally followed by the plugin that shows it in brackets,
   with the explanation indented below. Write it exactly as the user sees it; ``...`` stands for
   a part that varies (here it matches any text), every other part is compared literally, so use
   the same example values as the scenario. A warning starts with ``[WARNING]: ``. Use that term
   markup for messages only.
2. Here, write a scenario function that makes a module show it, decorated with
   @produces('<the message, character for character as in the guide>'). It gets a Retell (below)
   and returns retell.run(module_name, answers, **module_args): answers are what the API says to
   each request, in order (Answer objects, or requests exceptions to raise). A message listed under
   "Invalid options" must come before any request, and the test checks that none was sent.
3. A message that only the role or only ansible-core's controller side shows (no module code runs)
   goes into IN_INTEGRATION instead, with the integration target file that asserts it; the text of
   the message (each part between ``...``) must appear in that file.

Run: ansible-test units (every ansible-core line), or pytest with ansible_collections' parent on
PYTHONPATH.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import json
import os
import random
import re

import pytest
import requests

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.retellai.retell.plugins.module_utils import _module
from ansible_collections.retellai.retell.plugins.module_utils._client import RetellClient
from ansible_collections.retellai.retell.tests.unit.plugins.module_utils.test_client import Answer, Script
from ansible_collections.retellai.retell.tests.unit.plugins.module_utils.test_module import module_args

COLLECTION_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
GUIDE = os.path.join(COLLECTION_ROOT, 'docs', 'docsite', 'rst', 'troubleshooting.rst')
MODULES = 'ansible_collections.retellai.retell.plugins.modules.'
KEY = 'key_documented_messages_4f1c9a'
NUMBER = '+14155550100'
OTHER = '+14155550101'
WARNING = '[WARNING]: '
BEFORE_ANY_REQUEST = 'Invalid options'


# ---- reading the guide ------------------------------------------------------------------------

TERM = re.compile(r'^``(?P<message>.+?)``(?: \((?P<plugin>.+)\))?$')
SECTION_UNDERLINE = re.compile(r'^-{3,}$')


class Documented:
    """One message of the guide: its text, the top-level section it is in, the plugin it names."""

    def __init__(self, message, section, plugin, line):
        self.message = message
        self.section = section
        self.plugin = plugin
        self.line = line


def documented_messages(text):
    """Every definition-list term that is one inline literal (the guide's markup for a message)."""
    lines = text.splitlines()
    found = []
    section = None
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ''
        if SECTION_UNDERLINE.match(following) and line.strip():
            section = line.strip()
        if not (line.startswith('``') and following.startswith('   ')):
            continue
        match = TERM.match(line)
        if not match:
            raise AssertionError('troubleshooting.rst line %d looks like a message but is not one inline literal '
                                 '(optionally followed by the plugin in brackets): %s' % (index + 1, line))
        found.append(Documented(match.group('message'), section, match.group('plugin'), index + 1))
    return found


def guide():
    with open(GUIDE) as handle:
        return documented_messages(handle.read())


def pattern_of(message):
    """The documented text as a regular expression: ``...`` matches any text, the rest literally."""
    return re.compile('.+?'.join(re.escape(part) for part in message.split('...')), re.DOTALL)


# ---- running a module -----------------------------------------------------------------------------

class Shown:
    """What one module run showed the user: the failure message (None when it succeeded) and the warnings."""

    def __init__(self, module, result, warnings, script):
        self.module = module
        self.result = result
        self.failure = result.get('msg') if result.get('failed') else None
        self.warnings = warnings
        self.asked = script.asked
        self.unanswered = script.answers

    def messages(self, warning):
        return self.warnings if warning else [self.failure]


class Retell:
    """Runs a module of the collection in-process against scripted Retell answers.

    No sleeping between retries, and the backoff without Retry-After takes its upper bound (no jitter),
    so the delays in warnings are exact: 0.5 s before the second attempt, 1.0 s before the third.
    """

    def __init__(self, monkeypatch, capsys):
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        for name in ('RETELL_API_KEY', 'RETELL_BASE_URL'):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setattr(random, 'uniform', lambda low, high: high)
        original_init = RetellClient.__init__

        def init_without_sleep(client, *args, **kwargs):
            kwargs['sleep'] = lambda seconds: None
            original_init(client, *args, **kwargs)

        monkeypatch.setattr(RetellClient, '__init__', init_without_sleep)

    def module(self, name):
        return importlib.import_module(MODULES + name)

    def run(self, name, answers=(), **args):
        args.setdefault('api_key', KEY)
        script = Script(*answers)
        warnings = []
        self.monkeypatch.setattr(requests.Session, 'request', script)
        self.monkeypatch.setattr(AnsibleModule, 'warn', lambda module, warning, *more, **options: warnings.append(warning))
        module = self.module(name)
        with module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        return Shown(name, json.loads(self.capsys.readouterr().out), warnings, script)


def retell_says(status, message, headers=None):
    """An answer with Retell's own JSON error object."""
    return Answer(status, {'status': 'error', 'message': message}, headers)


def not_found():
    return retell_says(404, 'Not Found')


def custom_number(phone_number=NUMBER, **fields):
    number = {'phone_number': phone_number, 'phone_number_type': 'custom',
              'sip_outbound_trunk_config': {'termination_uri': 'pbx.example.com'}}
    number.update(fields)
    return number


def html(status):
    return Answer(status, raw='<html><body>%s</body></html>' % status, headers={'content-type': 'text/html; charset=utf-8'})


# ---- the table: one scenario per documented message ---------------------------------------------------

SCENARIOS = {}


def produces(message):
    def register(scenario):
        assert message not in SCENARIOS, 'two scenarios for one message: %s' % message
        SCENARIOS[message] = scenario
        return scenario
    return register


def single(retell, answers=(), **args):
    args.setdefault('phone_number', NUMBER)
    return retell.run('retell_phone_number', answers, **args)


def bulk(retell, numbers, answers=(), **args):
    return retell.run('retell_phone_numbers', answers, numbers=numbers, **args)


# Invalid options: phone numbers

@produces('phone_number: must be in E.164 format, a "+" and 2 to 15 digits such as +14155550100 (got \'4155550100\'); '
          'set ignore_e164_validation: true for an internal pseudo number')
def e164(retell):
    return single(retell, phone_number='4155550100')


@produces("phone_number: must not contain spaces (got '+1 415 555 0100')")
def number_with_spaces(retell):
    return single(retell, phone_number='+1 415 555 0100')


@produces('phone_number: is required and must be a non-empty string')
def empty_number(retell):
    return single(retell, phone_number='')


@produces('phone_number: cannot be "." or "..", which cannot be used in a URL path (got \'..\')')
def dot_segment_number(retell):
    return single(retell, phone_number='..', ignore_e164_validation=True)


@produces('phone_number: must not contain "/", "?", "#", "%", "\\" or control characters, which cannot be used in a '
          'URL path (got \'trunk/7\')')
def number_with_a_slash(retell):
    return single(retell, phone_number='trunk/7', ignore_e164_validation=True)


@produces('fallback_number: must be in E.164 format such as +14155550100, or "" to clear it (got \'555-0100\')')
def fallback_not_e164(retell):
    return single(retell, fallback_number='555-0100')


@produces('fallback_number: must differ from phone_number (+14155550100)')
def fallback_to_itself(retell):
    return single(retell, fallback_number=NUMBER)


# Invalid options: agents

@produces('inbound_agents: weights must add up to 1 (they add up to 0.9)')
def weights_short_of_one(retell):
    return single(retell, inbound_agents=[{'agent_id': 'agent_a', 'weight': 0.5}, {'agent_id': 'agent_b', 'weight': 0.4}])


@produces('inbound_agents[1].weight: must be greater than 0 and at most 1 (got 1.5)')
def weight_above_one(retell):
    return single(retell, inbound_agents=[{'agent_id': 'agent_a', 'weight': 0.5}, {'agent_id': 'agent_b', 'weight': 1.5}])


@produces('inbound_agents[0].weight: is required and must be a number')
def weight_missing(retell):
    return single(retell, inbound_agents=[{'agent_id': 'agent_a'}])


@produces('inbound_agents: names agent_id agent_a more than once; list each agent once')
def agent_twice(retell):
    return single(retell, inbound_agents=[{'agent_id': 'agent_a', 'weight': 0.5}, {'agent_id': 'agent_a', 'weight': 0.5}])


@produces('inbound_agents[0].agent_id: is required and must be a non-empty string')
def agent_id_blank(retell):
    return single(retell, inbound_agents=[{'agent_id': ' ', 'weight': 1}])


@produces('inbound_agents[0]: must be a dictionary with agent_id and weight')
def agent_as_a_bare_name(retell):
    return single(retell, inbound_agents=['agent_a'])


@produces('inbound_agents[0]: unknown key version; an agent takes agent_id, weight, agent_version')
def agent_key_typo(retell):
    return single(retell, inbound_agents=[{'agent_id': 'agent_a', 'weight': 1, 'version': 3}])


@produces('inbound_agents[0].agent_version: must be a version number (0 or more) or a tag of lower-case letters, digits, '
          '"-" and "_" that starts with a letter and is not like v3 (got \'v3\')')
def agent_version_like_v3(retell):
    return single(retell, inbound_agents=[{'agent_id': 'agent_a', 'weight': 1, 'agent_version': 'v3'}])


@produces('inbound_agents[0].agent_version: must be a version number or a tag, not a boolean')
def agent_version_boolean(retell):
    return single(retell, inbound_agents=[{'agent_id': 'agent_a', 'weight': 1, 'agent_version': True}])


@produces('inbound_agents[0].agent_version: must be 0 or greater')
def agent_version_negative(retell):
    return single(retell, inbound_agents=[{'agent_id': 'agent_a', 'weight': 1, 'agent_version': -1}])


# Invalid options: countries, URLs and trunk settings

@produces("allowed_inbound_country_list[0]: must be an ISO 3166-1 alpha-2 country code such as US or GB (got 'USA')")
def country_of_three_letters(retell):
    return single(retell, allowed_inbound_country_list=['USA'])


@produces('inbound_webhook_url: must be an absolute http:// or https:// URL, or "" to clear it (got \'hooks.example.com/in\')')
def webhook_without_scheme(retell):
    return single(retell, inbound_webhook_url='hooks.example.com/in')


@produces('termination_uri: cannot be empty: Retell needs a termination URI for a custom number')
def termination_uri_blank(retell):
    return single(retell, termination_uri=' ')


@produces('termination_uri: must not contain spaces')
def termination_uri_with_spaces(retell):
    return single(retell, termination_uri='pbx example.com')


@produces('codecs[1]: must be a non-empty codec name')
def codec_blank(retell):
    return single(retell, codecs=['PCMU', ''])


# Invalid options: buying numbers

def buy(retell, answers=(), **args):
    args.setdefault('nickname', 'Sales')
    args.setdefault('purchase', {})
    return retell.run('retell_phone_number', answers, **args)


@produces('phone_number: is required, unless purchase is set (to buy the number that nickname identifies) or state is '
          'absent (to release it)')
def no_phone_number(retell):
    return retell.run('retell_phone_number', nickname='Front desk')


@produces('nickname: is required without phone_number: it identifies the number bought through Retell, so it cannot be '
          'empty')
def purchase_without_nickname(retell):
    return buy(retell, nickname=None)


@produces('purchase: unknown key areacode; purchase takes area_code, country_code, number_provider, toll_free')
def purchase_key_typo(retell):
    return buy(retell, purchase={'areacode': 415})


@produces('purchase.area_code: must be a 3-digit area code such as 415 (got 41)')
def area_code_of_two_digits(retell):
    return buy(retell, purchase={'area_code': 41})


@produces('purchase.area_code: cannot be combined with toll_free: true; a toll-free number has a toll-free prefix such as '
          '800, not an area code')
def area_code_and_toll_free(retell):
    return buy(retell, purchase={'area_code': 415, 'toll_free': True})


@produces('purchase.area_code: is for US numbers only (Retell takes area codes for country_code US); remove it or set '
          'country_code: US')
def area_code_in_canada(retell):
    return buy(retell, purchase={'area_code': 604, 'country_code': 'CA'})


@produces("purchase.country_code: must be one of US, CA (got 'GB')")
def purchase_in_britain(retell):
    return buy(retell, purchase={'country_code': 'GB'})


@produces("purchase.number_provider: must be one of twilio, telnyx (got 'vonage')")
def purchase_from_another_carrier(retell):
    return buy(retell, purchase={'number_provider': 'vonage'})


@produces("purchase.toll_free: must be a boolean (true or false) (got 'perhaps')")
def toll_free_not_a_boolean(retell):
    return buy(retell, purchase={'toll_free': 'perhaps'})


@produces('termination_uri: cannot be combined with purchase: a number bought through Retell has no SIP trunk of yours, '
          'and custom-telephony settings (termination_uri, sip_trunk_auth_username, sip_trunk_auth_password, transport, '
          'codecs) apply to imported numbers only')
def trunk_setting_with_purchase(retell):
    return buy(retell, termination_uri='pbx.example.com')


@produces('ignore_e164_validation: cannot be true with purchase: Retell sells E.164 numbers only')
def pseudo_number_with_purchase(retell):
    return buy(retell, phone_number=NUMBER, ignore_e164_validation=True)


@produces("numbers[1].nickname: 'Sales' without phone_number is already described by numbers[0]; a nickname identifies "
          "one bought number")
def nickname_listed_twice(retell):
    return bulk(retell, [{'nickname': 'Sales', 'purchase': {}}, {'nickname': 'Sales', 'state': 'absent'}])


# Invalid options: connection options

@produces('api_key: is required; set the option or the RETELL_API_KEY environment variable')
def no_api_key(retell):
    return single(retell, api_key=None)


@produces('api_key: must be printable ASCII without spaces or line breaks; check for a stray newline or quote around the key')
def api_key_with_a_newline(retell):
    return single(retell, api_key=KEY + '\n')


@produces("base_url: must be an absolute http:// or https:// URL such as https://api.retellai.com, got 'ftp://api.retellai.com'")
def base_url_ftp(retell):
    return single(retell, base_url='ftp://api.retellai.com')


@produces("base_url: must be an absolute http:// or https:// URL such as https://api.retellai.com, got 'http://[::1' "
          "(Invalid IPv6 URL)")
def base_url_unparsable(retell):
    return single(retell, base_url='http://[::1')


@produces("base_url: must be an absolute http:// or https:// URL without spaces, query or fragment, got "
          "'https://api.retellai.com/?region=eu'")
def base_url_with_a_query(retell):
    return single(retell, base_url='https://api.retellai.com/?region=eu')


@produces('base_url: uses plain http:// to retell.example.com, which would send the API key unencrypted; use https:// '
          'or set allow_insecure_http: true')
def base_url_plain_http(retell):
    return single(retell, base_url='http://retell.example.com')


@produces("[WARNING]: base_url https://proxy.example.com/retell has a path (/retell); every endpoint path such as "
          "/get-phone-number is appended to it, so check that this is what you want (Retell's own base_url is "
          "https://api.retellai.com)")
def base_url_with_a_path(retell):
    return single(retell, [Answer(200, custom_number())], base_url='https://proxy.example.com/retell')


@produces('timeout: must be a number of seconds greater than 0')
def timeout_zero(retell):
    return single(retell, timeout=0)


@produces('retries: must be between 0 and 20')
def retries_negative(retell):
    return single(retell, retries=-1)


@produces('retry_max_delay: must be 0 or more seconds')
def retry_max_delay_negative(retell):
    return single(retell, retry_max_delay=-1)


# Invalid options: module-specific options

@produces('page_size: must be between 1 and 1000')
def page_size_zero(retell):
    return retell.run('retell_phone_number_info', page_size=0)


@produces('numbers[1].phone_number: +14155550100 is already described by numbers[0]')
def number_listed_twice(retell):
    return bulk(retell, [{'phone_number': NUMBER}, {'phone_number': NUMBER, 'nickname': 'Front desk'}])


@produces('numbers[0]: must be a dictionary of options, got str')
def bulk_entry_is_a_number(retell):
    return bulk(retell, [NUMBER])


@produces('numbers[3].inbound_agents: must be a list (got dict)')
def bulk_entry_option_of_the_wrong_type(retell):
    entries = [{'phone_number': '+1415555010%d' % index} for index in range(4)]
    entries[3]['inbound_agents'] = {'agent_id': 'agent_a', 'weight': 1}
    return bulk(retell, entries)


@produces("numbers[1].transport: must be one of TLS, TCP, UDP (got 'SCTP')")
def bulk_entry_choice(retell):
    return bulk(retell, [{'phone_number': NUMBER}, {'phone_number': OTHER, 'transport': 'SCTP'}])


@produces('numbers[0].nick: unknown option; the options are ...')
def bulk_entry_unknown_option(retell):
    return bulk(retell, [{'phone_number': NUMBER, 'nick': 'Front desk'}])


@produces('numbers[2].phone_number: is required, unless purchase is set (to buy the number that nickname identifies) or '
          'state is absent (to release it)')
def bulk_entry_without_number(retell):
    return bulk(retell, [{'phone_number': NUMBER}, {'phone_number': OTHER}, {'nickname': 'Front desk'}])


@produces('concurrency: must be between 1 and 32')
def concurrency_too_high(retell):
    return bulk(retell, [{'phone_number': NUMBER}], concurrency=33)


# Invalid options: messages from Ansible itself

@produces('value of transport must be one of: TLS, TCP, UDP, got: SCTP')
def transport_choice(retell):
    return single(retell, transport='SCTP')


@produces("argument 'codecs' is of type ... and we were unable to convert to list: ...")
def codecs_as_a_dict(retell):
    return single(retell, codecs={'PCMU': 1})


@produces('Unsupported parameters for (...) module: nick. Supported parameters include: ...')
def unknown_option(retell):
    return single(retell, nick='Front desk')


@produces('parameters are mutually exclusive: phone_number|nickname')
def info_read_and_filter(retell):
    return retell.run('retell_phone_number_info', phone_number=NUMBER, nickname='Front desk')


@produces('Failed to import the required Python library (requests) on ...')
def requests_missing(retell):
    retell.monkeypatch.setattr(_module, 'HAS_REQUESTS', False)
    retell.monkeypatch.setattr(_module, 'REQUESTS_IMPORT_ERROR', 'ModuleNotFoundError: No module named requests')
    return single(retell, nickname='Front desk')


# Messages after the number was read

@produces('termination_uri: is required to import +14155550100, which does not exist in this Retell workspace')
def import_without_termination_uri(retell):
    return single(retell, [not_found()], nickname='Front desk')


@produces('+14155550100 is a retell-twilio number bought through Retell, so its custom-telephony settings cannot be '
          'changed (termination_uri). Remove them from the task; they apply only to imported numbers (phone_number_type '
          'custom).')
def trunk_setting_on_a_purchased_number(retell):
    purchased = {'phone_number': NUMBER, 'phone_number_type': 'retell-twilio', 'sip_outbound_trunk_config': None}
    return single(retell, [Answer(200, purchased)], termination_uri='pbx.example.com')


@produces("+14155550100 cannot be imported: Retell says it already exists, but this API key cannot see it, so the number "
          "is registered in another workspace or account. Remove it there first, or use that workspace's API key.")
def number_of_another_workspace(retell):
    return single(retell, [not_found(), retell_says(400, 'Phone number already exists.'), not_found()],
                  termination_uri='pbx.example.com')


def listing(*numbers):
    return Answer(200, {'items': list(numbers), 'has_more': False})


def bought_number(phone_number=NUMBER, nickname='Sales'):
    return {'phone_number': phone_number, 'phone_number_type': 'retell-twilio', 'nickname': nickname,
            'sip_outbound_trunk_config': None}


@produces("nickname 'Sales' names 2 numbers bought through Retell (+14155550100, +14155550101), so it does not identify "
          "one. Set phone_number to the one you mean, or give the others different nicknames.")
def nickname_of_two_bought_numbers(retell):
    return buy(retell, [listing(bought_number(OTHER), bought_number(NUMBER), custom_number('+14155550102', nickname='Sales'))])


@produces("1 of 2 numbers failed: nickname 'Sales': nickname 'Sales' identifies +14155550100, which numbers[0] also "
          "describes by its phone_number; describe each number once")
def bulk_nickname_matches_a_listed_number(retell):
    return bulk(retell, [{'phone_number': NUMBER}, {'nickname': 'Sales', 'purchase': {}}], answers=[listing(bought_number())])


@produces("+14155550100 cannot be bought: Retell says it already exists, but this API key cannot see it, so the number "
          "is registered in another workspace or account. Remove it there first, or use that workspace's API key.")
def number_to_buy_held_elsewhere(retell):
    return buy(retell, [not_found(), retell_says(400, 'Phone number already exists.'), not_found()], phone_number=NUMBER)


@produces("Retell refused to sell a number for nickname 'Sales' (area_code 305, country_code US, number_provider twilio), "
          "and nothing was bought: Retell API POST /create-phone-number failed with HTTP 400: ...")
def area_code_without_numbers_left(retell):
    return buy(retell, [listing(), retell_says(400, 'No phone number is available for area code 305.')],
               purchase={'area_code': 305})


@produces('Retell accepted the change to +14155550100 but still reports different values for: nickname')
def update_that_does_not_stick(retell):
    before = custom_number(nickname='Old')
    return single(retell, [Answer(200, before), Answer(200, before)], nickname='Front desk')


@produces('1 of 2 numbers failed: +14155550101: termination_uri: is required to import +14155550101, which does not '
          'exist in this Retell workspace')
def bulk_with_one_failed_number(retell):
    listing = {'items': [custom_number(nickname='Front desk')], 'has_more': False}
    return bulk(retell, [{'phone_number': NUMBER, 'nickname': 'Front desk'}, {'phone_number': OTHER, 'nickname': 'Sales'}],
                answers=[Answer(200, listing)])


# Retell refused the request

@produces('Retell API GET /get-phone-number/+14155550100 failed with HTTP 401: API key is missing or invalid. (the API key '
          'is missing or invalid; check api_key or the RETELL_API_KEY environment variable)')
def unknown_api_key(retell):
    return single(retell, [retell_says(401, 'API key is missing or invalid.')], nickname='Front desk')


@produces('Retell API ... failed with HTTP 402: ... (the Retell account needs a payment method or a higher plan)')
def account_without_payment(retell):
    return single(retell, [retell_says(402, 'Payment required.')], nickname='Front desk')


@produces('Retell API ... failed with HTTP 403: ... (the API key is not allowed to do this)')
def key_without_permission(retell):
    return single(retell, [retell_says(403, 'Forbidden.')], nickname='Front desk')


@produces('Retell API POST /import-phone-number failed with HTTP 400: ...')
def import_refused(retell):
    return single(retell, [not_found(), retell_says(400, 'Invalid termination uri.')], termination_uri='pbx.example.com')


@produces("Retell API GET /get-phone-number/+14155550100 failed with HTTP 404: ... (this is not Retell's JSON error answer "
          "(content type text/html), so the request probably did not reach the Retell API: check base_url, to which "
          "every endpoint path is appended)")
def not_found_from_something_else(retell):
    return single(retell, [html(404)], nickname='Front desk')


@produces('Retell API GET /get-phone-number/+14155550100 failed with HTTP 422: ...')
def unprocessable_that_is_not_not_found(retell):
    return single(retell, [retell_says(422, 'Invalid phone number.')], nickname='Front desk')


# Retries, and giving up

@produces('[WARNING]: Retell API POST /import-phone-number failed with HTTP 429: Account rate limited, please throttle '
          'your requests; retrying in 1.0 s (attempt 2 of 4)')
def import_throttled_once(retell):
    throttled = retell_says(429, 'Account rate limited, please throttle your requests.', {'Retry-After': '1'})
    return single(retell, [not_found(), throttled, Answer(201, custom_number())], termination_uri='pbx.example.com')


@produces('[WARNING]: Retell API POST /import-phone-number: HTTP 503: ...; retrying in 0.5 s (attempt 2 of 4)')
def import_outcome_unknown_once(retell):
    return single(retell, [not_found(), retell_says(503, 'Service unavailable'), not_found(), Answer(201, custom_number())],
                  termination_uri='pbx.example.com')


@produces('[WARNING]: Retell API GET /get-phone-number/+14155550100 failed with HTTP 500: ...; retrying in 0.5 s '
          '(attempt 2 of 4)')
def read_failed_once(retell):
    return retell.run('retell_phone_number_info', [retell_says(500, 'An unexpected server error occurred.'),
                                                   Answer(200, custom_number())], phone_number=NUMBER)


@produces('Retell API POST /import-phone-number: HTTP 503: Carrier gateway unavailable; gave up after 4 attempts')
def import_failing_every_time(retell):
    unavailable = retell_says(503, 'Carrier gateway unavailable')
    return single(retell, [not_found()] + [unavailable, not_found()] * 3 + [unavailable], termination_uri='pbx.example.com')


@produces("Retell API POST /create-phone-number: HTTP 503: ...; gave up after 4 attempts, and reading again shows no "
          "number for nickname 'Sales': nothing was bought")
def purchase_failing_every_time(retell):
    unavailable = retell_says(503, 'Carrier gateway unavailable')
    return buy(retell, [listing()] + [unavailable, listing()] * 4)


@produces('Retell API GET /get-phone-number/+14155550100 failed with HTTP 500: An unexpected server error occurred.')
def read_failing_every_time(retell):
    return retell.run('retell_phone_number_info', [retell_says(500, 'An unexpected server error occurred.')] * 4,
                      phone_number=NUMBER)


# Timeouts and connection failures, TLS

@produces('Retell API GET /get-phone-number/+14155550100: no answer within 30.0 s (timeout); gave up after 4 attempts')
def read_timing_out(retell):
    return retell.run('retell_phone_number_info', [requests.exceptions.ReadTimeout('read timed out')] * 4,
                      phone_number=NUMBER)


@produces('Retell API GET /get-phone-number/+14155550100: connection failed (...); gave up after 4 attempts')
def connection_refused(retell):
    return retell.run('retell_phone_number_info', [requests.exceptions.ConnectionError('Connection refused')] * 4,
                      phone_number=NUMBER)


@produces('TLS certificate verification failed for https://retell.example.com (...); point ca_path at the CA bundle that '
          'signed the server certificate, or set validate_certs: false only for a test server')
def certificate_not_trusted(retell):
    return retell.run('retell_phone_number_info', [requests.exceptions.SSLError('certificate verify failed')],
                      phone_number=NUMBER, base_url='https://retell.example.com')


# Answers that are not JSON

@produces('Retell API GET /get-phone-number/+14155550100 answered HTTP 200 with a body that is not valid JSON (text/html) '
          'where JSON was expected')
def read_answered_with_html(retell):
    return retell.run('retell_phone_number_info', [html(200)], phone_number=NUMBER)


@produces('Retell API POST /import-phone-number answered HTTP 200 with an empty body where JSON was expected')
def import_answered_with_nothing(retell):
    return single(retell, [not_found(), Answer(200, raw='')], termination_uri='pbx.example.com')


@produces('Retell API GET /get-phone-number/+14155550100 answered HTTP 200 with a JSON list where a JSON object was expected')
def read_answered_with_a_list(retell):
    return retell.run('retell_phone_number_info', [Answer(200, [{'phone_number': NUMBER}])], phone_number=NUMBER)


@produces('Retell API GET /get-phone-number/+14155550100 failed with HTTP 502: response body is not the JSON error '
          'envelope (text/html)')
def gateway_error_page(retell):
    return retell.run('retell_phone_number_info', [html(502)], phone_number=NUMBER, retries=0)


@produces('Retell API GET /v2/list-phone-numbers returned no "items" list')
def listing_without_items(retell):
    return retell.run('retell_phone_number_info', [Answer(200, {'numbers': []})])


@produces('Retell API GET /v2/list-phone-numbers said has_more but gave no pagination_key')
def listing_without_a_way_on(retell):
    return retell.run('retell_phone_number_info', [Answer(200, {'items': [custom_number()], 'has_more': True})])


# A bug in the collection

@produces('Unexpected ... in the retellai.retell collection: .... This is a bug in the collection, not in your task; '
          'please report it with the task (secrets removed) and the output of -vvv.')
def defect_in_the_collection(retell):
    def defect(*args, **kwargs):
        raise KeyError('nickname')

    retell.monkeypatch.setattr(retell.module('retell_phone_number'), 'reconcile', defect)
    return single(retell, nickname='Front desk')


# Shown only by the role (its action plugins and ansible-core's check of its argument spec): no module
# code runs, so an integration target asserts them; the file must contain the message's text.
ROLE_MESSAGES = 'tests/integration/targets/retell_role/messages.yml'
BATCHED_ROLE = 'tests/integration/targets/retell_role_batched/runme.sh'
INVENTORY_MESSAGES = 'tests/integration/targets/retell_inventory/check.py'
IN_INTEGRATION = {
    'Set retell_phone_number (this host is one number) or retell_phone_numbers (a list of numbers), not both.': ROLE_MESSAGES,
    'value of retell_transport must be one of: TLS, TCP, UDP, got: SCTP': ROLE_MESSAGES,
    "Elements value for option 'retell_inbound_agents' is of type ... and we were unable to convert to dict: ...": ROLE_MESSAGES,
    'phone_number: +14155550193 also describes the number of twin_b in the same Retell workspace; give each number to one '
    'host': ROLE_MESSAGES,
    # The batched role's fallbacks (its action plugins warn on the controller).
    '[WARNING]: The phone_numbers role calls the Retell API once per host: ...': BATCHED_ROLE,
    '[WARNING]: The phone_numbers role calls the Retell API once for each of ... host(s) it cannot batch (...); see the '
    'reason in their results.': BATCHED_ROLE,
    "[WARNING]: Hosts that were not part of the batched call of the phone_numbers role are applied with one call each. "
    "When a 'when' on the role is false for the first host of the batch, it skips the role's run-once tasks, and these "
    "hosts do not publish phone_numbers_result either: apply the role with include_role and 'when'.": BATCHED_ROLE,
    # Shown by the inventory plugin (controller side, no module runs): its target asserts them.
    'hostnames: more than one number would get the same host name (...); make the template unique per number': INVENTORY_MESSAGES,
    "filters: '...' could not be evaluated for ...: ...": INVENTORY_MESSAGES,
}


# ---- the tests ------------------------------------------------------------------------------------

def scenario_name(message):
    return SCENARIOS[message].__name__


def words_of(message):
    return re.sub('[^a-z0-9]+', '_', message.lower())[:60]


def test_the_guide_lists_messages_in_the_agreed_markup():
    messages = [documented.message for documented in guide()]
    assert len(messages) > 50
    assert sorted(message for message in set(messages) if messages.count(message) > 1) == []


def test_every_message_in_the_guide_has_a_scenario():
    untested = [documented.message for documented in guide()
                if documented.message not in SCENARIOS and documented.message not in IN_INTEGRATION]
    assert not untested, 'listed in troubleshooting.rst but shown by no scenario here:\n' + '\n'.join(untested)


def test_every_scenario_is_about_a_message_in_the_guide():
    listed = set(documented.message for documented in guide())
    unlisted = [message for message in list(SCENARIOS) + list(IN_INTEGRATION) if message not in listed]
    assert not unlisted, 'tested here but not listed in troubleshooting.rst (or listed differently):\n' + '\n'.join(unlisted)


def test_a_message_term_that_breaks_the_markup_fails_loudly():
    with pytest.raises(AssertionError, match='line 2 looks like a message'):
        documented_messages('Intro\n``half a literal`` and more text\n   Explanation.\n')


@pytest.mark.parametrize('message', sorted(SCENARIOS), ids=scenario_name)
def test_the_module_shows_the_documented_message(message, monkeypatch, capsys):
    documented = dict((entry.message, entry) for entry in guide()).get(message)
    if documented is None:
        pytest.fail('not listed in troubleshooting.rst (see test_every_scenario_is_about_a_message_in_the_guide)')
    warning = message.startswith(WARNING)
    expected = pattern_of(message[len(WARNING):] if warning else message)
    shown = SCENARIOS[message](Retell(monkeypatch, capsys))
    assert any(text and expected.fullmatch(text) for text in shown.messages(warning)), (
        'the module showed %r and warned %r' % (shown.failure, shown.warnings))
    assert shown.unanswered == [], 'the module stopped before the scenario\'s last answer: %d left' % len(shown.unanswered)
    if warning:
        assert shown.failure is None
    if documented.section == BEFORE_ANY_REQUEST and not warning:
        assert shown.asked == [], 'the guide says this failure comes before any request'
    if documented.plugin and ':ansplugin:' in documented.plugin:
        assert documented.plugin.endswith('retellai.retell.%s#module`' % shown.module)
    assert KEY not in json.dumps(shown.result)


@pytest.mark.parametrize('message', sorted(IN_INTEGRATION), ids=words_of)
def test_the_integration_target_asserts_the_documented_message(message):
    with open(os.path.join(COLLECTION_ROOT, IN_INTEGRATION[message])) as handle:
        target = handle.read()
    missing = [part for part in message.split('...') if part.strip() and part not in target]
    assert missing == [], '%s does not check these parts of the message' % IN_INTEGRATION[message]
