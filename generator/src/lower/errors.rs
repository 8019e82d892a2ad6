//! Error enums shared between operations. The operations of one module that document the same
//! error statuses, with the same bodies, descriptions and headers, share one enum named after the
//! module, and each operation's error name becomes an alias of it: ten operations with the same
//! five statuses make one type, not ten. Only the most common such set in a module is shared, so
//! the name says what it is; an operation with errors of its own keeps its own enum.

use super::Lowerer;
use crate::ir::{Module, Operation, Response, SharedError};

/// What an operation's error enum is made of: its error responses, in order.
fn error_responses(operation: &Operation) -> Vec<&Response> {
    operation
        .responses
        .iter()
        .filter(|response| !response.is_success())
        .collect()
}

fn same_errors(a: &[&Response], b: &[&Response]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(a, b)| {
            a.status == b.status
                && a.variant == b.variant
                && a.body == b.body
                && a.description == b.description
                && a.headers == b.headers
        })
}

impl Lowerer<'_> {
    /// Marks the operations of each module that share their error enum, and claims its name.
    pub(super) fn share_errors(&mut self, modules: &[Module], operations: &mut [Operation]) {
        for (module_index, module) in modules.iter().enumerate() {
            let members: Vec<usize> = (0..operations.len())
                .filter(|&index| operations[index].module == module_index)
                .collect();
            // Groups of operations with the same errors, in the order their first member comes.
            let mut groups: Vec<(Vec<&Response>, Vec<usize>)> = Vec::new();
            for &index in &members {
                let errors = error_responses(&operations[index]);
                if errors.is_empty() {
                    continue;
                }
                match groups
                    .iter_mut()
                    .find(|(shared, _)| same_errors(shared, &errors))
                {
                    Some((_, group)) => group.push(index),
                    None => groups.push((errors, vec![index])),
                }
            }
            // The largest group, the first of equals: deterministic, and the module's own errors.
            let Some(group) = groups
                .into_iter()
                .map(|(_, group)| group)
                .filter(|group| group.len() > 1)
                .reduce(|best, group| {
                    if group.len() > best.len() {
                        group
                    } else {
                        best
                    }
                })
            else {
                continue;
            };
            let name = self
                .operation_types
                .claim(&format!("{} Error", module.title));
            let ids: Vec<String> = group
                .iter()
                .map(|&index| operations[index].id.clone())
                .collect();
            for (position, index) in group.into_iter().enumerate() {
                operations[index].shared_error = Some(SharedError {
                    name: name.clone(),
                    declared_for: if position == 0 {
                        ids.clone()
                    } else {
                        Vec::new()
                    },
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn lowered(paths: &str) -> crate::ir::Api {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\ntags: [{{name: Things}}]\npaths:\n{paths}"
        );
        let spec: crate::spec::OpenApi =
            crate::parse::parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
        let (api, problems) = super::super::lower(&spec);
        assert!(problems.is_empty(), "{problems:?}");
        api
    }

    #[test]
    fn operations_with_the_same_errors_share_one_enum_and_others_keep_theirs() {
        let operation = |method: &str, id: &str, errors: &str| {
            format!(
                "    {method}:\n      operationId: {id}\n      tags: [Things]\n      responses:\n        \
                 '200': {{description: ok}}\n{errors}"
            )
        };
        let same = "        '404': {description: missing}\n        '429': {description: slow}\n";
        let other = "        '404': {description: gone}\n";
        let paths = format!(
            "  /a:\n{}{}  /b:\n{}",
            operation("get", "getA", same),
            operation("delete", "deleteA", same),
            operation("get", "getB", other),
        );
        let api = lowered(&paths);
        let shared: Vec<(&str, Option<&crate::ir::SharedError>)> = api
            .operations
            .iter()
            .map(|operation| (operation.id.as_str(), operation.shared_error.as_ref()))
            .collect();
        let declared = crate::ir::SharedError {
            name: "ThingsError".to_owned(),
            declared_for: vec!["getA".to_owned(), "deleteA".to_owned()],
        };
        let aliased = crate::ir::SharedError {
            name: "ThingsError".to_owned(),
            declared_for: Vec::new(),
        };
        assert_eq!(
            shared,
            [
                ("getA", Some(&declared)),
                ("deleteA", Some(&aliased)),
                ("getB", None),
            ],
            "other errors keep their own enum"
        );
    }
}
