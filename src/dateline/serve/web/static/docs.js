// The API page: Swagger UI over Dateline's OpenAPI description (the one script Dateline's pages load); no online
// validator, so the page asks nothing of another host.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
