//! What an operation offers over a collection, from the spec's declared conventions rather than from
//! a list of names: paging (`x-sdk.pagination`, an operation's `x-sdk-pagination`, or else the
//! standard `offset` and `limit` query parameters on a list response), and typed filters and sorts
//! (`x-filterable-fields` and `x-sortable-fields` in the syntax of `x-sdk.filter` and `x-sdk.sort`).

use super::Lowerer;
use crate::ir::{
    BodyKind, FilterField, FilterSpec, Input, Output, Pagination, Place, SortSpec, TypeRef,
};
use crate::naming::{Case, Namespace};
use crate::pointer::JsonPointer;
use crate::spec::{self, PagingOverride, PagingProfile};

/// The page size used when `limit` has neither a bound nor a default.
const FALLBACK_PAGE_SIZE: i64 = 50;

/// The parameters that page a list when the spec declares no convention.
const STANDARD_PAGING: (&str, &str) = ("offset", "limit");

impl<'s> Lowerer<'s> {
    /// Paging, when the operation has the convention's integer offset and limit query inputs and
    /// one JSON array as its success body.
    pub(super) fn pagination(
        &self,
        inputs: &[Input],
        output: &Output,
        spec_operation: &'s spec::Operation,
    ) -> Option<Pagination> {
        let declared = match &spec_operation.pagination {
            Some(PagingOverride::Off) => return None,
            Some(PagingOverride::On(profile)) => Some(profile),
            None => self
                .spec
                .sdk
                .as_ref()
                .and_then(|sdk| sdk.pagination.as_ref()),
        };
        let (offset_name, limit_name) = declared.map_or(STANDARD_PAGING, |profile| {
            (profile.offset.as_str(), profile.limit.as_str())
        });
        // The stream sets these inputs on every page, so they must be optional query inputs: a
        // required one is the caller's argument, which the stream cannot change.
        let query = |name: &str| {
            inputs.iter().position(|input| {
                input.place == Place::Query && input.wire_name == name && !input.required
            })
        };
        let integer = |index: usize| {
            matches!(
                inputs[index].ty,
                TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64
            )
        };
        let offset = query(offset_name).filter(|&index| integer(index))?;
        let limit = query(limit_name).filter(|&index| integer(index))?;
        let item = match output {
            Output::Single(BodyKind::Json(TypeRef::Vec(item))) => item.as_ref().clone(),
            _ => return None,
        };
        let count = declared
            .and_then(|profile: &PagingProfile| profile.count.as_deref())
            .and_then(query)
            .filter(|&index| inputs[index].ty == TypeRef::Bool);
        Some(Pagination {
            offset,
            limit,
            count,
            total_header: declared.and_then(|profile| profile.total_header.clone()),
            item,
            page_size: page_size(&inputs[limit]),
        })
    }

    /// The typed filter of the first input that lists its filterable fields, in the API's filter
    /// syntax.
    pub(super) fn filter_spec(
        &mut self,
        id: &str,
        inputs: &[Input],
        params: &[Option<&'s spec::Parameter>],
    ) -> Option<FilterSpec> {
        let (input, listed, at) =
            self.listed_fields(inputs, params, "x-filterable-fields", |param| {
                param.filterable_fields.as_ref()
            })?;
        let at = at.join("x-filterable-fields");
        let Some(grammar) = &self.profile.filter else {
            self.error(
                at,
                "`x-filterable-fields` needs the API's filter syntax: declare `x-sdk.filter` at the top of the spec",
            );
            return None;
        };
        let known: Vec<String> = grammar.operators.iter().map(|op| op.wire.clone()).collect();
        let type_name = self.operation_types.claim(&format!("{}Filter", id));
        let mut methods = Namespace::new(Case::Snake);
        let mut fields = Vec::with_capacity(listed.len());
        for (wire_name, operators) in listed {
            if operators.is_empty() {
                let message = format!(
                    "filterable field `{wire_name}` lists no operators: it cannot be filtered on, so \
                     the typed filter leaves it out"
                );
                self.tolerate(at.join(wire_name), message);
                continue;
            }
            let mut parsed = Vec::with_capacity(operators.len());
            for (index, operator) in operators.iter().enumerate() {
                match known.iter().position(|known| known == operator) {
                    Some(found) if !parsed.contains(&found) => parsed.push(found),
                    Some(_) => {}
                    None => {
                        let message = format!(
                            "unknown filter operator `{operator}`: expected one of {} (from `x-sdk.filter`)",
                            known.join(", ")
                        );
                        self.error(at.join(wire_name).join(index), message);
                    }
                }
            }
            fields.push(FilterField {
                wire_name: wire_name.clone(),
                method: methods.claim(wire_name),
                type_name: self
                    .operation_types
                    .claim(&format!("{}Filter {}", id, wire_name)),
                operators: parsed,
            });
        }
        if fields.is_empty() {
            if listed.is_empty() {
                self.tolerate(
                    at,
                    "`x-filterable-fields` lists no fields: no typed filter is made",
                );
            }
            return None;
        }
        Some(FilterSpec {
            input,
            type_name,
            fields,
        })
    }

    /// The typed sort of the first input that lists its sortable fields.
    pub(super) fn sort_spec(
        &mut self,
        id: &str,
        inputs: &[Input],
        params: &[Option<&'s spec::Parameter>],
    ) -> Option<SortSpec> {
        let (input, listed, at) =
            self.listed_fields(inputs, params, "x-sortable-fields", |param| {
                param.sortable_fields.as_ref()
            })?;
        if self.profile.sort.is_none() {
            self.error(
                at.join("x-sortable-fields"),
                "`x-sortable-fields` needs the API's sort syntax: declare `x-sdk.sort` at the top of the spec",
            );
            return None;
        }
        let type_name = self.operation_types.claim(&format!("{}SortField", id));
        let mut variants = Namespace::new(Case::Camel);
        let fields = listed
            .iter()
            .map(|wire| (wire.clone(), variants.claim(wire)))
            .collect();
        Some(SortSpec {
            input,
            type_name,
            fields,
        })
    }

    /// The first input whose parameter lists fields through `list` (`extension` names it), with
    /// the list and the parameter's place. The builders write text, so the input must be a string.
    fn listed_fields<T>(
        &mut self,
        inputs: &[Input],
        params: &[Option<&'s spec::Parameter>],
        extension: &str,
        list: impl Fn(&'s spec::Parameter) -> Option<&'s T>,
    ) -> Option<(usize, &'s T, JsonPointer)> {
        let (index, listed) = params
            .iter()
            .enumerate()
            .find_map(|(index, param)| list((*param)?).map(|listed| (index, listed)))?;
        let input = &inputs[index];
        if input.place != Place::Query || input.required {
            // The typed builder sets an optional query input; a path or required input is the
            // caller's argument already. The operation stays as it is, without the builder.
            let message = format!(
                "`{extension}` is on parameter `{}`, a {}{} parameter: typed filters and sorts set \
                 an optional query parameter, so none is made for it",
                input.wire_name,
                if input.required { "required " } else { "" },
                input.place.describe()
            );
            self.tolerate(input.origin.join(extension), message);
            return None;
        }
        if input.ty != TypeRef::String {
            let message = format!(
                "`{extension}` is on parameter `{}`, which is not a string: the expression is sent as text",
                input.wire_name
            );
            self.error(input.origin.join(extension), message);
            return None;
        }
        Some((index, listed, input.origin.clone()))
    }
}

/// The largest page the limit input allows: its maximum, else its default, else a fallback.
fn page_size(limit: &Input) -> i64 {
    let default = limit.default.as_ref().and_then(serde_json::Value::as_i64);
    limit
        .constraints
        .maximum
        .and_then(|maximum| {
            (maximum.fract() == 0.0 && maximum >= 1.0 && maximum <= i64::MAX as f64)
                .then_some(maximum as i64)
        })
        .or(default.filter(|size| *size >= 1))
        .unwrap_or(FALLBACK_PAGE_SIZE)
}
