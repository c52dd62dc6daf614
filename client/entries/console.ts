import '../console/cg-console'

/** The facilitator console (GET /): one element; it reads the sign-in token from the address fragment. */
// The shell's root is a <div>: the console brings its own header and main landmarks.
document.querySelector('#console')!.replaceChildren(document.createElement('cg-console'))
