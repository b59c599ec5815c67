"""What a page looks like at a width, measured in the browser: boxes wider than the box that holds
them, and soft hyphens where a reader would see an artefact. Used by tests/test_widths_in_browser.py.
"""

from __future__ import annotations

WIDTHS = (390, 800, 1280, 1920)
"""A phone, a small tablet or a narrow window, a laptop, a desktop."""
PHONE_UP_TO = 640
"""Widths at which a table may scroll inside its own box instead of fitting it (report.css)."""

# Every visible table, chart and map that is wider than the box holding it: a table's own width
# against its parent's inner width, and anything inside that box that makes it scroll (a scroll
# box is allowed only on a phone, and only if the scroll box itself fits its own parent).
WIDER_THAN_THEIR_BOX = """(phone) => {
  const found = [];
  const name = element => {
    const caption = element.querySelector && element.querySelector('caption');
    const text = caption ? caption.textContent : (element.getAttribute('aria-label') || element.className || '');
    return `${element.tagName.toLowerCase()} "${String(text).replace(/\\s+/g, ' ').trim().slice(0, 60)}"`;
  };
  const scrolls = box => ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
  const boxes = document.querySelectorAll('table, .vega-embed, figure, figure svg, pre, img');
  for (const element of boxes) {
    if (!element.checkVisibility() || element.closest('.vega-embed svg')) continue;
    const holder = element.parentElement;
    const width = element.getBoundingClientRect().width;
    const room = holder.clientWidth;
    if (width > room + 1 && !(phone && scrolls(holder))) {
      found.push(`${name(element)}: ${Math.round(width)} px in a ${room} px box`);
    }
    if (holder.getBoundingClientRect().right > document.documentElement.clientWidth + 1) {
      found.push(`${name(element)}: its box reaches ${Math.round(holder.getBoundingClientRect().right)} px`);
    }
  }
  return found;
}"""

# Soft hyphens a reader would see wrongly: beside a hyphen or dash (a line broken there shows
# "Alcohol--related"), or inside an identifier, file name, address or code, which must never
# show a hyphen that is not part of it ("hscp_loc-ality", "SpatialD-ata.gov.-scot").
SOFT_HYPHEN_ARTEFACTS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const blocks = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.includes('\\u00ad')) continue;
    const block = node.parentElement.closest('td, th, p, li, caption, dd, dt, summary, figcaption, h1, h2, h3, h4, pre, div');
    blocks.add(block || node.parentElement);
    if (node.parentElement.closest('code, pre, kbd, samp, script, style, svg')) {
      found.push(`soft hyphen in code or a link: ${JSON.stringify(node.data.slice(0, 60))}`);
    }
  }
  for (const block of blocks) {
    for (const word of block.textContent.split(/\\s+/)) {
      if (!word.includes('\\u00ad')) continue;
      const shown = word.replaceAll('\\u00ad', '');
      if (/[-\\u2010\\u2011\\u2013\\u2014]\\u00ad|\\u00ad[-\\u2010\\u2011\\u2013\\u2014]/.test(word)) {
        found.push(`soft hyphen beside a hyphen: ${JSON.stringify(shown)}`);
      } else if (/[_.@:\\/\\\\\\d]|^[a-z]+[A-Z]/.test(shown)) {
        found.push(`soft hyphen inside an identifier or address: ${JSON.stringify(shown)}`);
      }
    }
  }
  return [...new Set(found)];
}"""
