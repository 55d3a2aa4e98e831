// Loaded before Decap CMS: it starts only when editor.js has registered the site's formats.
window.CMS_MANUAL_INIT = true;
