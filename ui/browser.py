"""Small browser-side helpers (Streamlit v2 components, no iframe): share links, "just the picture" view,
and collapsing the sidebar when a presenter changes page.

Any page with a picture calls ``ui.browser.share(fig, key=...)`` once, after drawing its figure: normally it
shows "Copy link" (the exact view: the URL carries every control), "Copy picture link" and "Just the picture";
with ``?view=picture`` it shows only that figure, full width, with every control and the sidebar hidden
(for a teacher's slides, as TensorFlow Playground offers).
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from ui.chrome import tr

PICTURE_VIEW = "picture"

# Runs in the app's page (not an iframe): reads the live URL at click time, so the link is the exact view.
_SHARE_JS = r"""
export default function (component) {
  const { parentElement, data } = component;
  let box = parentElement.querySelector('.share');
  if (!box) {
    box = document.createElement('div');
    box.className = 'share';
    box.innerHTML = '<button type="button" class="copy" data-testid="shareCopyLink"></button>' +
      '<button type="button" class="copy-picture" data-testid="shareCopyPicture"></button>' +
      '<a class="picture" target="_blank" rel="noopener" data-testid="sharePictureLink"></a>';
    parentElement.appendChild(box);
  }
  const pictureUrl = () => {
    const url = new URL(window.location.href);
    url.searchParams.set('view', 'picture');
    return url.toString();
  };
  const copy = async (text, button, label) => {
    let ok = false;
    try { await navigator.clipboard.writeText(text); ok = true; } catch (e) {
      // plain http on a classroom LAN has no Clipboard API: fall back to a hidden textarea
      const area = document.createElement('textarea');
      area.value = text; area.style.position = 'fixed'; area.style.opacity = '0';
      document.body.appendChild(area); area.select();
      try { ok = document.execCommand('copy'); } catch (e2) { ok = false; }
      area.remove();
    }
    button.dataset.copied = text;
    button.textContent = ok ? data.copied : text;
    setTimeout(() => { button.textContent = label; }, 2500);
  };
  const link = box.querySelector('.copy'), pic = box.querySelector('.copy-picture');
  const open = box.querySelector('.picture');
  link.textContent = data.copy; pic.textContent = data.copy_picture; open.textContent = data.picture + ' ↗';
  link.onclick = () => copy(window.location.href, link, data.copy);
  pic.onclick = () => copy(pictureUrl(), pic, data.copy_picture);
  open.href = pictureUrl();
  open.onmouseenter = open.onfocus = open.ontouchstart = () => { open.href = pictureUrl(); };
}
"""

_SHARE_CSS = """
.share { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; font-family: inherit; }
.share button, .share a {
  font: inherit; font-size: 0.875rem; line-height: 1.6; padding: 0.25rem 0.75rem; border-radius: 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.2); background: transparent; color: inherit; cursor: pointer;
  text-decoration: none; min-height: 2.25rem; box-sizing: border-box; display: inline-flex; align-items: center;
}
.share button:hover, .share a:hover { border-color: var(--st-primary-color, #ff4b4b); color: var(--st-primary-color, #ff4b4b); }
"""

# Presentation mode and screens under 900 px: the sidebar closes whenever the page (or the mode) changes.
_SIDEBAR_JS = r"""
export default function (component) {
  const { data } = component;
  if (window.__dsconvShown === data.view) return;
  window.__dsconvShown = data.view;
  if (!data.present && window.innerWidth >= 900) return;  // a projector, or a tablet/phone: the page needs the width
  const close = (tries) => {
    const bar = document.querySelector('[data-testid="stSidebar"]');
    if (!bar || bar.getAttribute('data-collapsed') === 'true') return;
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (button) { button.click(); return; }
    if (tries > 0) setTimeout(() => close(tries - 1), 100);
  };
  close(20);
}
"""

PICTURE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stExpandSidebarButton"], .st-key-phone_nav { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0.75rem 1rem !important; }
[data-testid="stMain"] :is([data-testid="stVerticalBlock"], [data-testid="stHorizontalBlock"]):not([class*="st-key-ui_picture"]):not([class*="st-key-ui_picture"] *)
  > :not([class*="st-key-ui_picture"]):not(:has([class*="st-key-ui_picture"])) { display: none !important; }
[data-testid="stMain"] [data-testid="stColumn"]:has([class*="st-key-ui_picture"]) {
  flex: 1 1 100% !important; width: 100% !important; max-width: 100% !important; }
</style>
"""

_share_component = None
_sidebar_component = None


def picture_view() -> bool:
    """True when the URL asks for the picture only (``?view=picture``)."""
    return st.query_params.get("view") == PICTURE_VIEW


def share(fig: go.Figure | None = None, *, key: str, container: Any = st, **chart: Any) -> None:
    """One line per page: share buttons; in ``?view=picture`` only ``fig`` (controls and sidebar hidden)."""
    global _share_component
    if picture_view():
        if fig is not None:
            big = go.Figure(fig).update_layout(height=max(int(fig.layout.height or 450), 620))  # slide-sized
            with st.container(key=f"ui_picture_{key}"):
                st.plotly_chart(big, key=f"ui_pic_chart_{key}", **chart)  # e.g. theme=None, as the page drew it
        st.html(PICTURE_CSS)
        return
    tr_ = tr()
    if _share_component is None:
        _share_component = st.components.v2.component("dsconv_share", js=_SHARE_JS, css=_SHARE_CSS)
    labels = {k: tr_(f"share.{k}") for k in ("copy", "copy_picture", "picture", "copied")}
    with nullcontext() if container is st else container:
        _share_component(key=f"ui_share_{key}", data=labels, height="content")


def collapse_sidebar_on_change(view: str, present: bool) -> None:
    """Presentation mode: close the sidebar whenever ``view`` (page + mode) changes (app.py calls this)."""
    global _sidebar_component
    if _sidebar_component is None:
        _sidebar_component = st.components.v2.component("dsconv_sidebar", js=_SIDEBAR_JS)
    with st.container(key="ui_sidebar_watch"):
        _sidebar_component(key="ui_sidebar_watch_c", data={"view": json.dumps([view, present]), "present": present},
                           height=0)
