//! Webhooks (OpenAPI 3.1): requests the API sends to its users. The SDK does not receive them, but a
//! user's server decodes their payloads, so each payload's schema becomes a type like any other
//! (`{Webhook}Payload` when it is inline; a referenced component is its own type already).

use super::Lowerer;
use crate::pointer::JsonPointer;

impl<'s> Lowerer<'s> {
    pub(super) fn lower_webhooks(&mut self) {
        let webhooks_at = JsonPointer::root().join("webhooks");
        let spec = self.spec;
        for (name, item) in &spec.webhooks {
            let item_at = webhooks_at.join(name);
            for (method, operation) in item.operations() {
                let Some(body) = &operation.request_body else {
                    continue;
                };
                let body_at = item_at.join(method).join("requestBody");
                let table = &spec.components.request_bodies;
                let Some((body, body_at)) =
                    self.follow(body, body_at, "requestBodies", table, |b| {
                        b.reference.as_deref()
                    })
                else {
                    continue;
                };
                for (media, content) in &body.content {
                    let Some(schema) = &content.schema else {
                        continue;
                    };
                    let at = body_at.join("content").join(media).join("schema");
                    let hint = format!("{name} payload");
                    self.lower_schema(schema, &at, &hint);
                }
            }
        }
    }
}
