// Every test file of the extension-host suite (tdd globals must be installed before this loads).
import './commands.test.js';
import './evaluate.test.js';
import './errors.test.js';
import './notebook.test.js';
import './formula.test.js';
