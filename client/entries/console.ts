import '../console/cg-console'

/** The facilitator console (GET /): one element; it reads the sign-in token from the address fragment. */
const main = document.querySelector('main')!
main.replaceChildren(document.createElement('cg-console'))
