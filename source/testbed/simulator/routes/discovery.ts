// §6 discovery: /routes, /openapi.json, the Swagger page at /, /config/yaml and the public UI-config routes.
import type {Sim} from '../context.js';
import {missingField, validationError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendBody, sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';

const title = 'LiteLLM API';

function routes(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, {routes: sim.routes.listing()});
}

function openapi(exchange: Exchange, sim: Sim): void {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const spec of sim.routes.specs) {
		if (spec.hidden || spec.mount) continue;
		for (const path of spec.paths) {
			const operations = (paths[path] ??= {});
			for (const method of spec.methods) {
				const suffix = path.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '');
				operations[method.toLowerCase()] = {
					summary: spec.name.replace(/_/g, ' ').replace(/^./, letter => letter.toUpperCase()),
					operationId: `${spec.name}_${suffix}_${method.toLowerCase()}`,
					responses: {'200': {description: 'Successful Response', content: {'application/json': {schema: {}}}}},
					...(spec.access === 'public' ? {} : {security: [{APIKeyHeader: []}]}),
				};
			}
		}
	}

	sendJson(exchange, 200, {
		openapi: '3.1.0',
		info: {
			title,
			description: 'Proxy Server to call 100+ LLMs in the OpenAI format. [**Customize Swagger Docs**](https://docs.litellm.ai/docs/proxy/enterprise#swagger-docs---custom-routes--branding)',
			version: sim.options.version,
		},
		paths,
		components: {securitySchemes: {APIKeyHeader: {type: 'apiKey', in: 'header', name: 'Authorization'}}},
	});
}

function swagger(exchange: Exchange): void {
	const html = `<!DOCTYPE html>
<html>
<head>
<link type="text/css" rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
<link rel="shortcut icon" href="https://fastapi.tiangolo.com/img/favicon.png">
<title>${title} - Swagger UI</title>
</head>
<body>
<div id="swagger-ui">
</div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>
const ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', layout: 'BaseLayout', deepLinking: true, showExtensions: true, showCommonExtensions: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]})
</script>
</body>
</html>
`;
	sendBody(exchange, 200, html, 'text/html; charset=utf-8');
}

function redoc(exchange: Exchange): void {
	const html = `<!DOCTYPE html>
<html>
<head>
<title>${title} - ReDoc</title>
<meta charset="utf-8"/>
</head>
<body>
<redoc spec-url="/openapi.json"></redoc>
<script src="https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js"> </script>
</body>
</html>
`;
	sendBody(exchange, 200, html, 'text/html; charset=utf-8');
}

/** GET with a declared body model: without a body FastAPI answers 422; with one, LiteLLM's placeholder. */
async function configYaml(exchange: Exchange): Promise<void> {
	const raw = await exchange.rawBody();
	if (raw.length === 0) throw validationError([missingField(['body'], null)]);
	await exchange.modelJson();
	sendJson(exchange, 200, {hello: 'world'});
}

function uiConfig(exchange: Exchange): void {
	sendJson(exchange, 200, {server_root_path: '/', proxy_base_url: null, auto_redirect_to_sso: false, admin_ui_disabled: false});
}

export const discoveryRoutes: RouteSpec[] = [
	{name: 'openapi', methods: ['GET'], paths: ['/openapi.json'], access: 'public', hidden: true, handle: openapi},
	{name: 'swagger_ui_html', methods: ['GET'], paths: ['/'], access: 'public', hidden: true, handle: swagger},
	{name: 'redoc_html', methods: ['GET'], paths: ['/redoc'], access: 'public', hidden: true, handle: redoc},
	{name: 'get_routes', methods: ['GET'], paths: ['/routes'], access: 'public', handle: routes},
	{name: 'config_yaml_endpoint', methods: ['GET'], paths: ['/config/yaml'], access: 'public', hidden: true, handle: configYaml},
	{
		name: 'get_ui_config',
		methods: ['GET'],
		paths: ['/.well-known/litellm-ui-config', '/litellm/.well-known/litellm-ui-config'],
		access: 'public',
		hidden: true,
		handle: uiConfig,
	},
	{name: 'public_model_hub', methods: ['GET'], paths: ['/public/model_hub'], access: 'public', handle: exchange => sendJson(exchange, 200, [])},
];
