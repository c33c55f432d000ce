"""netanalysis: an honest picture of a professional network from LinkedIn data exports.

Import it as ``import netanalysis as na``; every public function of the modules below is
available at the top level (``na.read_export``, ``na.build_graph``, ``na.network_strength``…).

Names are loaded on first use (PEP 562): ``import netanalysis`` and the command line load only
the modules they need (matplotlib and the analyses are not imported to print ``--help``).
"""

import importlib

from ._version import __version__ as __version__

#: The modules a user imports by name (``na.strength``, ``na.viz``…).
MODULES = ("annotations", "anonymize", "brokerage", "burt", "communities", "coverage", "datasets", "errors", "export", "graph",
           "identity", "inference", "io", "model", "report", "safefiles", "strength", "synth", "tiestrength", "viz")

# Public name -> the module it is loaded from. tests/test_api.py checks this table against the
# modules' own ``__all__`` (and prints the line to add when a public name is missing here).
_NAMES = {
    "Audience": "strength",
    "BETWEENNESS_BUDGET": "brokerage",
    "BETWEENNESS_ENGINES": "brokerage",
    "BETWEENNESS_EXACT_MAX": "brokerage",
    "BETWEENNESS_IGRAPH_BUDGET": "brokerage",
    "BETWEENNESS_MIN_PIVOTS": "brokerage",
    "BETWEENNESS_PIVOTS": "brokerage",
    "COMPLEMENTARY_ROLES": "brokerage",
    "CONNECTIONS_PREAMBLE": "synth",
    "DEFAULT_WEIGHTS": "strength",
    "DUNBAR_LAYERS": "strength",
    "EMAIL_KEY_PREFIX": "identity",
    "EVIDENCE_LEVELS": "graph",
    "Export": "io",
    "FileReport": "io",
    "IGRAPH_MIN_TIES": "communities",
    "INFERENCE_RULES": "graph",
    "InputError": "errors",
    "Knows": "io",
    "LOUVAIN_ENGINES": "communities",
    "MET_COLORS": "viz",
    "MET_LABELS": "viz",
    "MET_PHRASES": "annotations",
    "NAME_KEY_PREFIX": "identity",
    "PALETTE": "viz",
    "PERSONAS": "synth",
    "PROFILE_KEY_PREFIX": "identity",
    "ParseReport": "io",
    "Progress": "report",
    "ROLE_FAMILIES": "brokerage",
    "Report": "report",
    "STRENGTH_FLOOR": "strength",
    "Skip": "io",
    "TIES_COLUMNS": "annotations",
    "Ties": "io",
    "World": "synth",
    "anonymize_graph": "anonymize",
    "answer_key": "synth",
    "atomic_open": "safefiles",
    "atomic_write_text": "safefiles",
    "audience": "strength",
    "broadcast_vs_targeted": "viz",
    "brokerage_roles": "brokerage",
    "build_graph": "graph",
    "annotation_warnings": "graph",
    "apply_ties": "graph",
    "build_report": "report",
    "burt_measures": "brokerage",
    "community_colors": "viz",
    "community_stability": "communities",
    "community_table": "communities",
    "company_sector": "anonymize",
    "compare": "strength",
    "contact_graph": "model",
    "contacts_of": "model",
    "detect_communities": "communities",
    "display_map": "viz",
    "dormant_ties": "strength",
    "dunbar_layers": "strength",
    "edges_table": "export",
    "ego_burt": "strength",
    "ego_rings": "viz",
    "email_key": "identity",
    "export_files": "synth",
    "figure_style": "viz",
    "filter_evidence": "model",
    "find_originals": "anonymize",
    "formula_safe": "safefiles",
    "formula_safe_frame": "safefiles",
    "graph_summary": "graph",
    "html_table": "report",
    "introductions": "brokerage",
    "keep_in_person": "strength",
    "key_source_of": "identity",
    "knows_table": "synth",
    "label_communities": "communities",
    "make_world": "synth",
    "map_data": "viz",
    "map_page": "viz",
    "merge_exports": "graph",
    "mpl_text": "viz",
    "mutual_contacts_curve": "brokerage",
    "name_key": "identity",
    "network_layout": "viz",
    "network_map": "viz",
    "network_strength": "strength",
    "new_salt": "anonymize",
    "nodes_table": "export",
    "observation": "coverage",
    "observed_lists": "coverage",
    "pair_status": "coverage",
    "person_coverage": "coverage",
    "coverage_line": "coverage",
    "withheld_note": "coverage",
    "MIN_KNOWN_SHARE": "coverage",
    "normalize_company": "identity",
    "normalize_name": "identity",
    "partition": "communities",
    "plot_introductions": "viz",
    "plot_network": "viz",
    "plot_quality_timeline": "viz",
    "plot_structural_holes": "viz",
    "profile_key": "identity",
    "profile_url": "identity",
    "pseudonym_code": "anonymize",
    "quality_timeline": "strength",
    "read_export": "io",
    "read_exports": "io",
    "read_knows": "io",
    "read_ties": "io",
    "references": "brokerage",
    "render_page": "report",
    "role_family": "anonymize",
    "sample_dir": "datasets",
    "scored_view": "strength",
    "sample_files": "datasets",
    "sample_world": "synth",
    "scrub_frame": "anonymize",
    "scrub_text": "anonymize",
    "set_owner_url": "io",
    "size_vs_strength": "viz",
    "structural_holes": "brokerage",
    "suggest_met": "annotations",
    "tie_strength": "tiestrength",
    "ties_table": "synth",
    "ties_template": "annotations",
    "to_csv": "export",
    "to_gexf": "export",
    "to_graphml": "export",
    "to_pyvis": "viz",
    "warm_paths": "brokerage",
    "write_csv": "safefiles",
    "write_export": "synth",
    "write_knows_file": "synth",
    "write_persona": "synth",
    "write_report": "report",
    "write_sample": "synth",
    "write_ties_file": "synth",
    "write_world": "synth",
}

__all__ = sorted(_NAMES)


def __getattr__(name):
    if name in MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__():
    return sorted({*globals(), *MODULES, *_NAMES})
