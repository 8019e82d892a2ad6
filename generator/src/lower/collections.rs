//! What an operation offers over a collection, read from the spec rather than from a list of names:
//! paging (`offset` and `limit` query parameters on a list response), and typed filters and sorts
//! (the `x-filterable-fields` and `x-sortable-fields` extensions).

use super::Lowerer;
use crate::ir::{
    FilterField, FilterOperator, FilterSpec, Operation, Pagination, ParamLocation, SortSpec,
    StatusMatch, TypeRef,
};
use crate::naming::{Case, Namespace};

/// The page size used when `limit` has neither a bound nor a default.
const FALLBACK_PAGE_SIZE: i64 = 50;

/// Paging, when the operation has integer `offset` and `limit` query parameters and one JSON array
/// as its success body.
pub(super) fn pagination(operation: &Operation) -> Option<Pagination> {
    let query = |name: &str| {
        operation
            .params
            .iter()
            .position(|param| param.location == ParamLocation::Query && param.wire_name == name)
    };
    let integer = |index: usize| matches!(operation.params[index].ty, TypeRef::I32 | TypeRef::I64);
    let offset = query("offset").filter(|&index| integer(index))?;
    let limit = query("limit").filter(|&index| integer(index))?;
    let count = query("count").filter(|&index| operation.params[index].ty == TypeRef::Bool);
    let mut successes = operation.responses.iter().filter(|response| {
        matches!(
            response.status,
            StatusMatch::Code(200..=299) | StatusMatch::Range(2)
        )
    });
    let item = match (successes.next(), successes.next()) {
        (Some(response), None) => match &response.ty {
            Some(TypeRef::Vec(item)) => item.as_ref().clone(),
            _ => return None,
        },
        _ => return None,
    };
    let limit_param = &operation.params[limit];
    let default = limit_param
        .default
        .as_ref()
        .and_then(serde_json::Value::as_i64);
    let page_size = limit_param
        .constraints
        .maximum
        .and_then(|maximum| (maximum.fract() == 0.0 && maximum >= 1.0).then_some(maximum as i64))
        .or(default.filter(|size| *size >= 1))
        .unwrap_or(FALLBACK_PAGE_SIZE);
    Some(Pagination {
        offset,
        limit,
        count,
        item,
        page_size,
    })
}

impl Lowerer<'_> {
    /// The typed filter of the first parameter that lists its filterable fields.
    pub(super) fn filter_spec(
        &mut self,
        operation: &Operation,
        type_names: &mut Namespace,
    ) -> Option<FilterSpec> {
        let (param_index, param) = operation
            .params
            .iter()
            .enumerate()
            .find(|(_, p)| p.filterable_fields.is_some())?;
        let listed = param.filterable_fields.as_ref()?;
        let at = param.origin.join("x-filterable-fields");
        let type_name = type_names.claim(&format!("{}Filter", operation.id));
        let mut methods = Namespace::new(Case::Snake);
        let mut fields = Vec::with_capacity(listed.len());
        for (wire_name, operators) in listed {
            let mut parsed = Vec::with_capacity(operators.len());
            for (index, operator) in operators.iter().enumerate() {
                match FilterOperator::parse(operator) {
                    Some(operator) if !parsed.contains(&operator) => parsed.push(operator),
                    Some(_) => {}
                    None => {
                        let known: Vec<&str> =
                            FilterOperator::ALL.iter().map(|op| op.wire()).collect();
                        let message = format!(
                            "unknown filter operator `{operator}`: expected one of {}",
                            known.join(", ")
                        );
                        self.error(at.join(wire_name).join(index), message);
                    }
                }
            }
            fields.push(FilterField {
                wire_name: wire_name.clone(),
                method: methods.claim(wire_name),
                type_name: type_names.claim(&format!("{}Filter {}", operation.id, wire_name)),
                operators: parsed,
            });
        }
        Some(FilterSpec {
            param: param_index,
            type_name,
            fields,
        })
    }
}

/// The typed sort of the first parameter that lists its sortable fields.
pub(super) fn sort_spec(operation: &Operation, type_names: &mut Namespace) -> Option<SortSpec> {
    let (param, listed) = operation
        .params
        .iter()
        .enumerate()
        .find_map(|(index, p)| p.sortable_fields.as_ref().map(|fields| (index, fields)))?;
    let type_name = type_names.claim(&format!("{}SortField", operation.id));
    let mut variants = Namespace::new(Case::Camel);
    let fields = listed
        .iter()
        .map(|wire| (wire.clone(), variants.claim(wire)))
        .collect();
    Some(SortSpec {
        param,
        type_name,
        fields,
    })
}
