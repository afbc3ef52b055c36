# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The chart of a run (docs/benchmarks.png): wall time against N per variant, one panel per scenario,
log-log, with the projected N = 1,000 points of the per-number variants."""

from __future__ import annotations

import math

from cases import PROJECTED_N, SCENARIOS, SCENARIO_TITLES, VARIANTS
from report import fmt_s
from summary import projection_for

# (colour, marker) of each variant's line; a variant not listed here gets one of FALLBACK_STYLES.
STYLES = {
    'uri': ('#7f7f7f', 's'),
    'loop': ('#d62728', 'o'),
    'role_f1': ('#ff7f0e', '^'),
    'role_f10': ('#9467bd', 'v'),
    'bulk': ('#2ca02c', 'D'),
    'batch_f5': ('#1f77b4', 'P'),
    'batch_f10': ('#17becf', 'X'),
}
FALLBACK_STYLES = (('#1f77b4', 'P'), ('#8c564b', 'X'), ('#e377c2', '*'), ('#17becf', 'h'), ('#bcbd22', 'p'))


def style_of(variant):
    """The (colour, marker) of a variant: its own, or the next unused fallback in VARIANTS order."""
    if variant in STYLES:
        return STYLES[variant]
    unstyled = [name for name in VARIANTS if name not in STYLES]
    return FALLBACK_STYLES[unstyled.index(variant) % len(FALLBACK_STYLES)]


def plot(report, path):
    import matplotlib  # pylint: disable=import-outside-toplevel
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt  # pylint: disable=import-outside-toplevel
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator  # pylint: disable=import-outside-toplevel

    results, projected = report['results'], report['projections']
    fig, axes = plt.subplots(1, 3, figsize=(17, 6.4), sharey=True)
    highest = [0.0]  # log10 of the highest label, so that the y range leaves room for it
    for axis, scenario in zip(axes, SCENARIOS):
        labels = []  # (y, text, color, bold) at N = 1000, placed without overlap below
        for variant in VARIANTS:
            if not VARIANTS[variant].in_chart:
                continue
            color, marker = style_of(variant)
            cases = sorted((c for c in results if c['variant'] == variant and c['scenario'] == scenario), key=lambda c: c['n'])
            if not cases:
                continue
            xs, ys = [c['n'] for c in cases], [c['wall_s'] for c in cases]
            axis.plot(xs, ys, color=color, marker=marker, linewidth=2.2, markersize=8, label=VARIANTS[variant].title)
            item = projection_for(projected, variant, scenario)
            if item:
                axis.plot([cases[-1]['n'], item['n']], [cases[-1]['wall_s'], item['projected_wall_s']], color=color,
                          linestyle='--', linewidth=1.6)
                axis.plot([item['n']], [item['projected_wall_s']], color=color, marker=marker, markersize=9,
                          markerfacecolor='white', markeredgewidth=2)
                labels.append((item['projected_wall_s'], '~%s s' % fmt_s(item['projected_wall_s']), color, False))
            elif cases[-1]['n'] == PROJECTED_N:
                labels.append((cases[-1]['wall_s'], '%s s' % fmt_s(cases[-1]['wall_s']), color, True))
        # spread the labels at least 0.11 decades apart, keeping their order
        placed = []
        for y, text, color, bold in sorted(labels):
            position = math.log10(y)
            if placed and position - placed[-1][0] < 0.14:
                position = placed[-1][0] + 0.14
            placed.append((position, y, text, color, bold))
            highest[0] = max(highest[0], position)
        for position, y, text, color, bold in placed:
            axis.annotate(text, (PROJECTED_N, y), xytext=(PROJECTED_N * 1.12, 10 ** position), textcoords='data',
                          va='center', fontsize=10, color=color, fontweight='bold' if bold else 'normal')
        if scenario == 'nothing':
            axis.axhline(3.0, color='#2ca02c', linestyle=':', linewidth=1.2)
            axis.annotate('3 s target (bulk, N = 1,000)', (22, 3.0), textcoords='offset points', xytext=(0, 4),
                          fontsize=9, color='#2ca02c')
        axis.set_xscale('log')
        axis.set_yscale('log')
        axis.set_xlim(7, 2600)
        axis.xaxis.set_major_locator(FixedLocator([10, 100, 1000]))
        axis.xaxis.set_minor_locator(NullLocator())
        axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: '{:,.0f}'.format(value)))
        axis.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: '{:g}'.format(value)))
        axis.grid(True, which='major', alpha=0.4)
        axis.grid(True, which='minor', axis='y', alpha=0.15)
        axis.set_title(SCENARIO_TITLES[scenario], fontsize=13)
        axis.set_xlabel('phone numbers (N)', fontsize=11)
        axis.tick_params(labelsize=10)
    all_walls = [c['wall_s'] for c in results if c['wall_s'] > 0]
    if all_walls:
        axes[0].set_ylim(min(all_walls) / 1.5, 10 ** (highest[0] + 0.2))
    axes[0].set_ylabel('wall time of the ansible-playbook run, s (log)', fontsize=11)
    handles, labels = axes[0].get_legend_handles_labels()
    from matplotlib.lines import Line2D  # pylint: disable=import-outside-toplevel
    handles.append(Line2D([0], [0], color='black', linestyle='--', marker='o', markerfacecolor='white'))
    labels.append('projected from the per-item cost (not run)')
    fig.legend(handles, labels, loc='lower center', ncol=3, fontsize=11, frameon=False)
    machine_info = report['machine']
    title = 'retellai.retell: wall time against N (log-log), fake Retell API on 127.0.0.1\n%s, %s cores, Python %s, ansible-core %s, %s' % (
        machine_info['cpu'], machine_info['cores'], machine_info['python'], machine_info['versions']['ansible-core'], machine_info['date'])
    fig.suptitle(title, fontsize=13)
    fig.tight_layout(rect=(0, 0.1, 1, 0.95))
    fig.savefig(path, dpi=110)
    plt.close(fig)
