# -*- coding: utf-8 -*-
"""The Retell phone-number API: routing, query parsing and the seven operations.

Everything here works on an already authenticated request; server.py does auth,
faults and the journal around it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
from urllib.parse import unquote

from .replies import Reply
from .store import PLAIN_FIELDS, Record
from .validation import (CREATE_FIELDS, CREATE_REFUSED, IMPORT_FIELDS, IMPORT_REFUSED, IMPORT_REQUIRED, INVALID_FORMAT,
                         UPDATE_FIELDS, UPDATE_REFUSED, BadRequest, check_body, is_e164)

ROUTE_NAMES = ('import', 'get', 'update', 'delete', 'list', 'list_v1', 'create', 'unknown')
EXACT_ROUTES = {
    ('POST', '/import-phone-number'): 'import',
    ('POST', '/create-phone-number'): 'create',
    ('GET', '/v2/list-phone-numbers'): 'list',
    ('GET', '/list-phone-numbers'): 'list_v1',
}
NUMBER_ROUTES = (
    ('GET', '/get-phone-number/', 'get'),
    ('PATCH', '/update-phone-number/', 'update'),
    ('DELETE', '/delete-phone-number/', 'delete'),
)
BODY_ROUTES = ('import', 'update', 'create')

NOT_FOUND_MESSAGES = {'404': 'Not Found', '422': 'Cannot find requested asset under given api key.'}
ALREADY_EXISTS = 'Phone number already exists.'

LIMIT_DEFAULT = 50
LIMIT_MAX = 1000
LIMIT_RE = re.compile(r'^[0-9]+$')
TOLL_FREE_AREAS = (800, 833, 844, 855, 866, 877, 888)
DEFAULT_AREA = {'US': 415, 'CA': 604}

# Sentinel for "the body was not valid JSON".
INVALID_BODY = object()


def resolve(method, raw_path):
    """Map a request to (route name, decoded phone number or None).

    The number is the single path segment after the route prefix, percent-decoded with
    urllib.parse.unquote: "%2B" becomes "+", and a literal "+" stays "+" (never a space).
    """
    route = EXACT_ROUTES.get((method, raw_path))
    if route:
        return route, None
    for route_method, prefix, name in NUMBER_ROUTES:
        if raw_path.startswith(prefix):
            segment = raw_path[len(prefix):]
            if method != route_method or not segment or '/' in segment:
                return 'unknown', None
            return name, unquote(segment)
    return 'unknown', None


def parse_query(raw_query):
    """Decode a query string into {name: value} (the last occurrence of a name wins).

    Deliberate deviation from form encoding: values are decoded with unquote, not
    unquote_plus, so a literal "+" stays "+" and "%2B" also gives "+". This keeps a
    pagination_key such as "+14155550100" intact however the client spelled it; "%20"
    is the way to send a space (no phone-number query value ever holds one).
    """
    query = {}
    for part in raw_query.split('&'):
        if not part:
            continue
        name, _sep, value = part.partition('=')
        query[unquote(name)] = unquote(value)
    return query


def parse_body(data):
    """Parse a JSON request body; INVALID_BODY for empty, non-UTF-8 or malformed JSON (NaN/Infinity included)."""
    if not data:
        return INVALID_BODY
    try:
        return json.loads(data.decode('utf-8'), parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError):
        return INVALID_BODY


def _refuse_constant(name):
    raise ValueError('%s is not JSON' % name)


class PhoneNumberApi:
    """The seven phone-number operations over a Store, honouring the Config switches."""

    def __init__(self, store, config):
        self.store = store
        self.config = config

    # -- entry point -------------------------------------------------------------------------

    def handle(self, route, number, workspace, body, query):
        """Run one operation and return a Reply. `body` may be INVALID_BODY for body routes."""
        if route in BODY_ROUTES and body is INVALID_BODY:
            return Reply.error(400, INVALID_FORMAT)
        try:
            if route == 'import':
                return self.import_number(workspace, body)
            if route == 'get':
                return self.get_number(workspace, number)
            if route == 'update':
                return self.update_number(workspace, number, body)
            if route == 'delete':
                return self.delete_number(workspace, number)
            if route == 'list':
                return self.list_v2(workspace, query)
            if route == 'list_v1':
                return self.list_v1(workspace)
            if route == 'create':
                return self.create_number(workspace, body)
        except BadRequest as exc:
            return Reply.error(400, exc.message)
        return Reply.error(404, 'Not Found')

    # -- helpers -----------------------------------------------------------------------------

    @property
    def _reject_unknown(self):
        return self.config['unknown_fields'] == 'reject'

    def _not_found(self):
        mode = self.config['not_found_mode']
        return Reply.error(int(mode), NOT_FOUND_MESSAGES[mode])

    def _check_fallback(self, workspace, number, fallback):
        """The two documented fallback rules: not the number itself, and no nested forwarding."""
        if fallback is None:
            return
        if fallback == number:
            raise BadRequest('fallback_number cannot be the same as the phone number itself.')
        target = self.store.get(workspace, fallback)
        if target is not None and target.fields['fallback_number'] is not None:
            raise BadRequest('fallback_number %s already has its own fallback number; nested forwarding is not allowed.' % fallback)

    # -- operations --------------------------------------------------------------------------

    def import_number(self, workspace, body):
        clean = check_body(body, IMPORT_FIELDS, 'import-phone-number', self._reject_unknown, IMPORT_REFUSED, IMPORT_REQUIRED)
        number = clean['phone_number']
        # Documented default of ignore_e164_validation is true: only an explicit false turns the check on.
        if clean.get('ignore_e164_validation') is False and not is_e164(number):
            raise BadRequest('phone_number %s is not a valid E.164 number (ignore_e164_validation is false).' % json.dumps(number))
        with self.store.lock:
            if self.store.holds(number):
                raise BadRequest(ALREADY_EXISTS)
            record = Record(number, 'custom', workspace)
            trunk = record.new_trunk()
            trunk['termination_uri'] = clean['termination_uri']
            trunk['auth_username'] = clean.get('sip_trunk_auth_username')
            trunk['transport'] = clean.get('transport')
            if 'codecs' in clean:
                trunk['codecs'] = clean['codecs']
            record.password = clean.get('sip_trunk_auth_password')
            for name in PLAIN_FIELDS:
                if name in clean:
                    record.fields[name] = clean[name]
            self.store.add(record)
            return Reply.json(201, record.render(self.config))

    def get_number(self, workspace, number):
        with self.store.lock:
            record = self.store.get(workspace, number)
            if record is None:
                return self._not_found()
            return Reply.json(200, record.render(self.config))

    def update_number(self, workspace, number, body):
        clean = check_body(body, UPDATE_FIELDS, 'update-phone-number', self._reject_unknown, UPDATE_REFUSED)
        if body == {} and self.config['empty_patch'] == 'reject':
            raise BadRequest('update-phone-number needs at least one field to change.')
        with self.store.lock:
            record = self.store.get(workspace, number)
            if record is None:
                return self._not_found()
            if 'fallback_number' in clean:
                self._check_fallback(workspace, number, clean['fallback_number'])
            if 'codecs' in clean and record.phone_number_type != 'custom':
                raise BadRequest('codecs is only supported for custom (imported) numbers.')
            if not clean:
                # Nothing to change ({} or only ignored unknown keys): a no-op that keeps the timestamp.
                return Reply.json(200, record.render(self.config))
            for name in PLAIN_FIELDS:
                if name in clean:
                    record.fields[name] = clean[name]
            for name in ('termination_uri', 'auth_username', 'transport', 'codecs'):
                if name in clean:
                    record.new_trunk()[name] = clean[name]
            if 'auth_password' in clean:
                record.password = clean['auth_password']
            record.touch()
            return Reply.json(200, record.render(self.config))

    def delete_number(self, workspace, number):
        with self.store.lock:
            if self.store.get(workspace, number) is None:
                return self._not_found()
            self.store.remove(number)
            return Reply.no_content()

    def list_v2(self, workspace, query):
        """Paginated list. Sort key: creation sequence number (a monotonic counter over all imports,
        creations and seeds). pagination_key is the phone_number of the last item of the previous
        page and is exclusive; it is returned only when has_more is true."""
        raw_limit = query.get('limit')
        limit = LIMIT_DEFAULT
        if raw_limit is not None:
            if not LIMIT_RE.match(raw_limit) or not 1 <= int(raw_limit) <= LIMIT_MAX:
                raise BadRequest('limit must be an integer between 1 and %d, not %s.' % (LIMIT_MAX, json.dumps(raw_limit)))
            limit = int(raw_limit)
        sort_order = query.get('sort_order', 'descending')
        if sort_order not in ('ascending', 'descending'):
            raise BadRequest('sort_order must be ascending or descending, not %s.' % json.dumps(sort_order))
        key = query.get('pagination_key')
        with self.store.lock:
            records = self.store.records(workspace)
            if sort_order == 'descending':
                records.reverse()
            if key:
                key_seq = self.store.seq_of(workspace, key)
                if key_seq is None:
                    raise BadRequest('pagination_key %s does not match a phone number of this workspace.' % json.dumps(key))
                if sort_order == 'descending':
                    records = [r for r in records if r.seq < key_seq]
                else:
                    records = [r for r in records if r.seq > key_seq]
            page = records[:limit]
            payload = {'items': [r.render(self.config) for r in page], 'has_more': len(records) > limit}
            if payload['has_more']:
                payload['pagination_key'] = page[-1].phone_number
            return Reply.json(200, payload)

    def list_v1(self, workspace):
        """Legacy list: a bare array of every number, newest first (same order as the v2 default)."""
        with self.store.lock:
            records = self.store.records(workspace)
            records.reverse()
            return Reply.json(200, [r.render(self.config) for r in records])

    def create_number(self, workspace, body):
        clean = check_body(body, CREATE_FIELDS, 'create-phone-number', self._reject_unknown, CREATE_REFUSED)
        toll_free = clean.get('toll_free', False)
        if toll_free and 'area_code' in clean:
            raise BadRequest('area_code cannot be combined with toll_free.')
        if 'area_code' in clean and clean.get('country_code', 'US') != 'US':
            raise BadRequest('area_code is only supported for US numbers (country_code US).')
        provider = clean.get('number_provider', 'twilio')
        with self.store.lock:
            if 'phone_number' in clean:
                number = clean['phone_number']
                if self.store.holds(number):
                    raise BadRequest(ALREADY_EXISTS)
            else:
                number = self._free_number(clean, toll_free)
            self._check_fallback(workspace, number, clean.get('fallback_number'))
            record = Record(number, 'retell-' + provider, workspace)
            for name in PLAIN_FIELDS:
                if name in clean:
                    record.fields[name] = clean[name]
            self.store.add(record)
            return Reply.json(201, record.render(self.config))

    def _free_number(self, clean, toll_free):
        """Pick an unused fictional number: +1 <area> 555-0100 upwards, skipping exhausted areas."""
        if toll_free:
            areas = TOLL_FREE_AREAS
        elif 'area_code' in clean:
            areas = (clean['area_code'],)
        else:
            areas = (DEFAULT_AREA[clean.get('country_code', 'US')],)
        exhausted = self.config['exhausted_area_codes']
        for area in areas:
            if area in exhausted:
                continue
            for line in range(100, 10000):
                candidate = '+1%03d555%04d' % (area, line)
                if not self.store.holds(candidate):
                    return candidate
        if toll_free:
            raise BadRequest('No toll-free phone number is available.')
        raise BadRequest('No phone number is available for area code %d.' % areas[0])
