# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the measured cases add up to: the projection of the per-number variants to N = 1,000, and
the benchmark's targets as PASS / FAIL / N/A lines (reported, never fatal)."""

from __future__ import annotations

from cases import PROJECTED_N, VARIANTS


def find(results, variant, scenario, count):
    for case in results:
        if (case['variant'], case['scenario'], case['n']) == (variant, scenario, count):
            return case
    return None


def projections(results):
    """Per-number variants at N = 1000 from the per-item cost between N = 10 and N = 100."""
    out = []
    for variant in VARIANTS.values():
        if not variant.per_number or 10 not in variant.sizes or 100 not in variant.sizes:
            continue
        for scenario in variant.scenarios:
            small, large = find(results, variant.name, scenario, 10), find(results, variant.name, scenario, 100)
            if not small or not large:
                continue
            per_item = (large['wall_s'] - small['wall_s']) / 90.0
            out.append({
                'variant': variant.name,
                'title': variant.title,
                'scenario': scenario,
                'n': PROJECTED_N,
                't10_s': small['wall_s'],
                't100_s': large['wall_s'],
                'per_item_s': round(per_item, 4),
                'fixed_s': round(small['wall_s'] - 10 * per_item, 3),
                'projected_wall_s': round(small['wall_s'] + (PROJECTED_N - 10) * per_item, 1),
            })
    return out


def projection_for(projected, variant, scenario):
    for item in projected:
        if (item['variant'], item['scenario']) == (variant, scenario):
            return item
    return None


def targets(results, projected):
    """The benchmark's targets as (PASS|FAIL|N/A, text) lines."""
    lines = []

    def line(ok, text):
        lines.append({'status': 'N/A' if ok is None else ('PASS' if ok else 'FAIL'), 'text': text})

    nothing = find(results, 'bulk', 'nothing', 1000)
    update = find(results, 'bulk', 'update10', 1000)
    loop = projection_for(projected, 'loop', 'nothing')
    uri = projection_for(projected, 'uri', 'nothing')
    if nothing:
        req = nothing['requests']
        writes = req['POST'] + req['PATCH'] + req['DELETE']
        line(req['LIST'] == 1 and writes == 0,
             'bulk, 1,000 numbers, nothing to change: %d list request(s), %d writes, %d single GETs (want 1 list, 0 writes)'
             % (req['LIST'], writes, req['GET']))
        if loop:
            limit = loop['projected_wall_s'] / 50.0
            line(nothing['wall_s'] <= limit,
                 'bulk, 1,000 numbers, nothing to change: %.2f s <= 1/50 of the projected retell_phone_number loop '
                 '(%.1f s / 50 = %.2f s)' % (nothing['wall_s'], loop['projected_wall_s'], limit))
        else:
            line(None, 'bulk vs 1/50 of the retell_phone_number loop: no loop projection')
        line(nothing['wall_s'] < 3.0, 'bulk, 1,000 numbers, nothing to change: %.2f s < 3 s' % nothing['wall_s'])
    else:
        line(None, 'bulk, 1,000 numbers, nothing to change: not measured')
    if update:
        req = update['requests']
        line(req['LIST'] == 1 and req['PATCH'] == 100 and req['POST'] == 0 and req['DELETE'] == 0,
             'bulk, 100 of 1,000 to update: %d list request(s), %d PATCHes, %d POSTs, %d DELETEs (want 1 list, 100 PATCHes)'
             % (req['LIST'], req['PATCH'], req['POST'], req['DELETE']))
    else:
        line(None, 'bulk, 100 of 1,000 to update: not measured')
    if loop and uri:
        ratio = loop['per_item_s'] / uri['per_item_s'] if uri['per_item_s'] > 0 else float('inf')
        line(ratio <= 1.2, 'retell_phone_number loop per item %.3f s vs ansible.builtin.uri loop %.3f s: %.2fx (want <= 1.2x)'
             % (loop['per_item_s'], uri['per_item_s'], ratio))
    else:
        line(None, 'retell_phone_number loop vs uri loop per item: not measured')
    inventory = find(results, 'inventory', 'nothing', 10000)
    if inventory:
        req = inventory['requests']
        line(req['LIST'] == 10 and req['total'] == 10,
             'inventory plugin, ansible-inventory --list over 10,000 numbers: %d list request(s), %d other requests '
             '(want 10 lists, nothing else); %.2f s, peak RSS %s MB'
             % (req['LIST'], req['total'] - req['LIST'], inventory['wall_s'], inventory.get('peak_rss_mb')))
    else:
        line(None, 'inventory plugin over 10,000 numbers: not measured')
    lines.extend(batched_targets(results))
    bulk_rss = [case['peak_rss_mb'] for case in results if case['variant'] == 'bulk' and case.get('peak_rss_mb')]
    if bulk_rss:
        line(max(bulk_rss) < 200, 'bulk runs: peak RSS %.1f MB at most (largest single process) < 200 MB' % max(bulk_rss))
    return lines


def batched_targets(results):
    """Issue 13: 1,000 unchanged hosts of the batched role send one request, within 2x of Ansible's own per-host
    cost (one set_fact over the same hosts) plus the bulk module on the same numbers, measured in the same run."""
    lines = []
    role = find(results, 'batch_f5', 'nothing', 1000)
    baseline = find(results, 'set_fact', 'nothing', 1000)
    bulk = find(results, 'bulk', 'nothing', 1000)
    if not role:
        return [{'status': 'N/A', 'text': 'batched role, 1,000 hosts, nothing to change: not measured'}]
    req = role['requests']
    lines.append({'status': 'PASS' if req['total'] == 1 and req['LIST'] == 1 else 'FAIL',
                  'text': 'batched role, 1,000 unchanged hosts: %d request(s) in all, %d list (want exactly 1 list)'
                          % (req['total'], req['LIST'])})
    if baseline and bulk:
        limit = 2 * (baseline['wall_s'] + bulk['wall_s'])
        lines.append({'status': 'PASS' if role['wall_s'] <= limit else 'FAIL',
                      'text': 'batched role, 1,000 unchanged hosts, forks 5: %.1f s <= 2 x (set_fact over 1,000 hosts '
                              '%.1f s + bulk module on 1,000 numbers %.2f s) = %.1f s (%.2fx of the sum)'
                              % (role['wall_s'], baseline['wall_s'], bulk['wall_s'], limit,
                                 role['wall_s'] / (baseline['wall_s'] + bulk['wall_s']))})
    else:
        lines.append({'status': 'N/A', 'text': 'batched role vs set_fact + bulk: the baseline was not measured'})
    return lines
