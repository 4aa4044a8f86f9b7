// The API page: Swagger UI over Dateline's OpenAPI description (the one script Dateline's pages load).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false });
