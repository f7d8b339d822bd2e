// Imports every object module for its side effects (registering slots and methods on the type
// objects), in an order that keeps module initialisation free of circular-dependency surprises.
import './object.js';
import './exceptions.js';
import './float.js';
import './int.js';
import './map.js';
import './dict.js';
import './set.js';
import './seq.js';
import './slice.js';
import './range.js';
import './list.js';
import './tuple.js';
import './fun.js';
import './type.js';
import './strformat.js';
import './bytes.js';
import './str.js';
import './complex.js';
