// Registers the standard modules added by the modules work (issue 6); imported for its side effects by
// modules/all.ts. One import per module file.
import './gc.js';
import './platform.js';
import './os.js';
import './deflate.js';
import './select.js';
import './vfs.js';
