// Bootstrap Italia loads its fonts from this path (served by cloudpa itself).
window.__PUBLIC_PATH__ = '/static/bootstrap-italia/fonts/';
