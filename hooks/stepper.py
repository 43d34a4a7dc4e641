"""უკუგავლა ნაბიჯ-ნაბიჯ (stepper): `micrograd.viz.draw_steps`-ის გრაფს ღილაკები ემატება.

`draw_steps(root)` აწყობისას (markdown-exec) ხატავს გრაფს და მის `<svg data-steps='…'>`-ში
წერს ნამდვილი `backward()`-ის ნაბიჯებს. hooks/site.py მას `.mg-figure` ყუთში სვამს; აქ ის
ყუთი ჩარჩოში ჯდება ღილაკებით (⏮ ◀ ▶ ⏭), მთვლელით და სტატუსის სტრიქონით. ღილაკებს
`docs/javascripts/stepper.js` აკავშირებს (პატარა; ნაბიჯების კოდი პირველ დაჭერაზე იტვირთება).

DOM contract (tests rely on it): `[data-backprop-stepper]` holds the graph's `<svg>`, the
buttons `[data-step-go="first|prev|next|last"]` (accessible names „დასაწყისი“, „◀ წინა“,
„შემდეგი ▶“, „ბოლო“), the counter `[data-step-count]` and the step's text in
`[data-step-text]` (aria-live). `data-step` is the step shown; the build shows step 0.
"""

from __future__ import annotations

import html
import json
import re

from mkdocs.plugins import event_priority

_STEPS_FIGURE = re.compile(
    r'<div class="mg-figure"[^>]*>\s*<svg [^>]*?\bdata-steps=\'(?P<steps>[^\']*)\''
    r".*?</svg>\s*</div>",
    re.S,
)
COUNT = "ნაბიჯი {step} / {last}"  # docs/javascripts/stepper/steps.js writes the same


def _icon(path: str) -> str:
    """⏮ და ⏭ ნახატად: ეს სიმბოლოები ყველა შრიფტში არ არის (Debian-ის Chromium ყუთს ხატავდა)."""
    return (
        '<svg class="mg-stepper-icon" viewBox="0 0 16 16" width="16" height="16" '
        f'aria-hidden="true"><path fill="currentColor" d="{path}"/></svg>'
    )


def stepper(figure: str, steps: list) -> str:
    """ერთი `.mg-figure` (draw_steps-ის SVG-ით) -> ნაბიჯების ჩარჩო, ნაბიჯი 0-ზე.

    ღილაკებს `title` არ აქვთ: Material-ი მას მინიშნებად (tooltip) აჩვენებს, სანამ ღილაკზე
    ფოკუსია, და ის ნაბიჯის ტექსტს ფარავდა."""
    button = (
        '<button type="button" class="md-button{cls}" data-step-go="{go}"{attrs}>{text}</button>'
    )
    bar = "".join(
        button.format(cls=cls, go=go, attrs=attrs, text=text)
        for cls, go, attrs, text in [
            ("", "first", ' aria-label="დასაწყისი" aria-disabled="true"',
             _icon("M3 2h2v12H3zM14 2v12L6 8z")),
            ("", "prev", ' aria-disabled="true"', "◀ წინა"),
            (" md-button--primary", "next", '', "შემდეგი ▶"),
            ("", "last", ' aria-label="ბოლო"',
             _icon("M13 2h-2v12h2zM2 2v12l8-6z")),
        ]
    )  # fmt: skip
    count = COUNT.format(step=0, last=len(steps) - 1)
    return (
        '<div class="mg-stepper" data-backprop-stepper data-step="0" data-search-exclude>\n'
        f"{figure}\n"
        '<div class="mg-stepper-bar" role="group" aria-label="უკუგავლა ნაბიჯ-ნაბიჯ (← → ისრებით)">'
        f'{bar}<span class="mg-stepper-count" data-step-count>{count}</span></div>\n'
        '<p class="mg-stepper-text" data-step-text aria-live="polite">'
        f"{html.escape(steps[0][1])}</p>\n</div>"
    )


@event_priority(-60)  # after hooks/site.py (-50) has framed the figure in `.mg-figure`
def on_page_content(content, page, **kwargs):
    def wrap(m: re.Match) -> str:
        steps = json.loads(html.unescape(m["steps"]))["s"]
        return stepper(m[0], steps)

    return _STEPS_FIGURE.sub(wrap, content)
