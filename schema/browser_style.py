"""The Neo4j Browser style sheet (GraSS, for `:style`) generated from the ontology: a colour and
diameter per label, the caption a person reads (`{name}`, `{title}`, `{text}`), and relationship
captions coloured like the label they point at."""

from __future__ import annotations

from typing import Any

from schema.ontology import ONTOLOGY, Ontology

DEFAULT_COLOR = "#A5ABB6"
PROVENANCE_COLOR = "#D8DADF"  # EXTRACTED_FROM is everywhere: keep it quiet

# Shaft widths that make the eligibility structure stand out against provenance and geography.
EMPHASIS: dict[str, int] = {
    "REQUIRES": 3,
    "IMPLIES": 3,
    "GRANTS": 2,
    "PREFERS": 2,
    "EXCLUDES": 2,
    "OFFERS": 2,
}


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    if len(color) != 6:
        raise ValueError(f"ontology.yaml: colour {color!r} is not #RRGGBB")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def darker(color: str, factor: float = 0.8) -> str:
    """The border colour: the fill, darkened."""
    return "#" + "".join(f"{round(c * factor):02X}" for c in _rgb(color))


def text_color(color: str) -> str:
    """Dark text on light fills, white on dark ones: relative luminance as WCAG computes it, with the
    threshold that reproduces the Browser's own choices for its palette."""

    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(color))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#2A2C34" if luminance > 0.45 else "#FFFFFF"


def _block(selector: str, rules: dict[str, str]) -> str:
    """One rule; the Browser's parser drops single quotes and splits on `;` and `:`, so values are
    quoted with single quotes (captions) and hold neither `;` nor `:`."""
    body = "\n".join(f"  {key}: {value};" for key, value in rules.items())
    return f"{selector} {{\n{body}\n}}"


def font_size(diameter: int) -> int:
    """Captions of the large nodes (programs, designations) a size up."""
    return 11 if diameter >= 60 else 10


def relationship_color(rel_type: str, ontology: Ontology = ONTOLOGY) -> str:
    """The colour of the label a relationship points at (grey when it points at several)."""
    if rel_type == "EXTRACTED_FROM":
        return PROVENANCE_COLOR
    ends = {ontology.node_types[end].color for end in ontology.relationship_types[rel_type].end_labels}
    return ends.pop() if len(ends) == 1 else DEFAULT_COLOR


def style_json(ontology: Ontology = ONTOLOGY) -> dict[str, Any]:
    """The same style as `grass`, as data for the explorer's graph view (cytoscape.js)."""
    return {
        "nodes": {
            label: {
                "color": spec.color,
                "borderColor": darker(spec.color),
                "textColor": text_color(spec.color),
                "size": spec.size,
                "fontSize": font_size(spec.size),
                "caption": spec.caption,
                "description": spec.description,
            }
            for label, spec in ontology.node_types.items()
        },
        "default": {"color": DEFAULT_COLOR, "borderColor": darker(DEFAULT_COLOR)},
        "relationships": {
            rel_type: {"color": relationship_color(rel_type, ontology), "width": EMPHASIS.get(rel_type, 1)}
            for rel_type in ontology.relationship_types
        },
    }


def grass(ontology: Ontology = ONTOLOGY) -> str:
    # No comments in the sheet: the Browser's GraSS parser would read them into the first selector.
    blocks = [
        _block(
            "node",
            {
                "diameter": "50px",
                "color": DEFAULT_COLOR,
                "border-color": darker(DEFAULT_COLOR),
                "border-width": "2px",
                "text-color-internal": "#FFFFFF",
                "font-size": "10px",
            },
        ),
        _block(
            "relationship",
            {
                "color": DEFAULT_COLOR,
                "shaft-width": "1px",
                "font-size": "8px",
                "padding": "3px",
                "text-color-external": "#000000",
                "text-color-internal": "#FFFFFF",
                "caption": "'<type>'",
            },
        ),
    ]
    for label, spec in ontology.node_types.items():
        blocks.append(
            _block(
                f"node.{label}",
                {
                    "color": spec.color,
                    "border-color": darker(spec.color),
                    "text-color-internal": text_color(spec.color),
                    "diameter": f"{spec.size}px",
                    "font-size": f"{font_size(spec.size)}px",
                    "caption": f"'{{{spec.caption}}}'",
                },
            )
        )
    for rel_type in ontology.relationship_types:
        blocks.append(
            _block(
                f"relationship.{rel_type}",
                {
                    "color": relationship_color(rel_type, ontology),
                    "shaft-width": f"{EMPHASIS.get(rel_type, 1)}px",
                    "caption": "'<type>'",
                },
            )
        )
    return "\n\n".join(blocks) + "\n"
