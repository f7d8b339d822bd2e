// Registers every native module implemented so far (imported once by the VM for side effects).
import './math.js';
import './cmath.js';
import './errno.js';
import './heapq.js';
import './time.js';
import './io.js';
import './collections.js';
import './binascii.js';
import './struct.js';
import './json.js';
import './array.js';
import './random.js';
import './stdlib.js';
import './hashlib.js';
import './re.js';
import './asyncio.js';
import './uctypes.js';
