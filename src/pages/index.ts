/** The account pages every mail links to, and a small home page (server-rendered, strict CSP). */
export { pageRoutes, PAGES, renderPage } from './routes.js';
