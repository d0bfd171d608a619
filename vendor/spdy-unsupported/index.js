'use strict';
// restify 11 requires spdy when it loads but only calls it for `createServer({ spdy })`, which this
// product never does. The real spdy cannot load on Node 24 (restify/node-restify#1984); restify 12
// drops it but needs Node 22. Remove this override when the product moves to restify 12.
function unsupported() {
  throw new Error('SPDY is not supported by this product (see vendor/spdy-unsupported)');
}
module.exports = { createServer: unsupported, Server: unsupported };
