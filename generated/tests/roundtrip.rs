//! Every JSON example in the API documentation decodes into its generated type and encodes back to
//! the same JSON value: nothing is lost or altered on the way through the models.

// Tests stop at the first surprise; a panic with the value is the report.
#![allow(clippy::unwrap_used)]

use sailpoint_governance_groups::models::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn round_trip<T: DeserializeOwned + Serialize>(example: &str) -> T {
    let original: Value = serde_json::from_str(example).unwrap();
    let decoded: T = serde_json::from_str(example).unwrap();
    let encoded = serde_json::to_value(&decoded).unwrap();
    assert_eq!(encoded, original);
    decoded
}

#[test]
fn workgroup() {
    let workgroup: WorkgroupDto = round_trip(include_str!("examples/workgroup_dto.json"));
    let owner = workgroup.owner.unwrap();
    assert_eq!(owner.r#type, Some(OwnerDtoType::Identity));
    assert_eq!(
        owner.email_address.as_deref(),
        Some("support@sailpoint.com")
    );
    assert_eq!(workgroup.member_count, Some(1_641_498_673_000));
    let created = workgroup.created.unwrap();
    assert_eq!((created.year(), created.offset().is_utc()), (2022, true));
}

#[test]
fn list_of_workgroups() {
    let list: Vec<WorkgroupDto> = round_trip(include_str!("examples/list_workgroups_200.json"));
    assert_eq!(list.len(), 1);
}

#[test]
fn error_bodies() {
    let bad_request: ErrorResponseDto = round_trip(include_str!("examples/error_400.json"));
    let message = &bad_request.messages.unwrap()[0];
    assert_eq!(message.locale_origin, Some(LocaleOrigin::Default));
    round_trip::<ErrorResponseDto>(include_str!("examples/error_403.json"));
    round_trip::<ErrorResponseDto>(include_str!("examples/error_500.json"));
    let unauthorized: ListAccessProfiles401Response =
        round_trip(include_str!("examples/error_401.json"));
    assert_eq!(
        unauthorized.error,
        Some(json!("JWT validation failed: JWT is expired"))
    );
    let limited: ListAccessProfiles429Response =
        round_trip(include_str!("examples/error_429.json"));
    assert_eq!(limited.message, Some(json!(" Rate Limit Exceeded ")));
}

#[test]
fn request_bodies() {
    let request: WorkgroupBulkDeleteRequest =
        round_trip(include_str!("examples/workgroup_bulk_delete_request.json"));
    assert_eq!(request.ids.len(), 2);
    let operation: JsonPatchOperation =
        round_trip(include_str!("examples/json_patch_operation.json"));
    assert_eq!(operation.op, JsonPatchOperationOp::Replace);
    assert_eq!(
        operation.value,
        Some(JsonPatchOperationValue::String(
            "New description".to_owned()
        ))
    );
    round_trip::<Vec<JsonPatchOperation>>(include_str!("examples/patch_workgroup_request.json"));
    round_trip::<Vec<IdentityPreviewResponseIdentity>>(include_str!(
        "examples/update_workgroup_members_request.json"
    ));
}

#[test]
fn bulk_results_keep_their_status_as_sent() {
    let added: Vec<WorkgroupMemberAddItem> =
        round_trip(include_str!("examples/update_workgroup_members_207.json"));
    assert_eq!(added[0].status, BulkItemStatus::Text("201".to_owned()));
    let deleted: Vec<WorkgroupDeleteItem> =
        round_trip(include_str!("examples/delete_workgroups_in_bulk_207.json"));
    assert_eq!(deleted[0].status, BulkItemStatus::Code(204));
    round_trip::<Vec<WorkgroupMemberDeleteItem>>(include_str!(
        "examples/delete_workgroup_members_207.json"
    ));
}

#[test]
fn every_shape_of_a_patch_value() {
    let values = [
        r#"{"op":"add","path":"/a","value":"text"}"#,
        r#"{"op":"add","path":"/a","value":true}"#,
        r#"{"op":"add","path":"/a","value":300}"#,
        r#"{"op":"add","path":"/a","value":{"attributes":{"name":"philip"}}}"#,
        r#"{"op":"add","path":"/a","value":["001",2,{"x":1}]}"#,
        r#"{"op":"remove","path":"/a"}"#,
    ];
    for value in values {
        round_trip::<JsonPatchOperation>(value);
    }
}

#[test]
fn unknown_enum_values_decode_and_survive() {
    // A value the server adds later must not break decoding, and must be sent back unchanged.
    let connection: WorkgroupConnectionDto =
        round_trip(r#"{"object":{"type":"NEW_KIND","id":"x"},"connectionType":"SomethingNew"}"#);
    assert_eq!(
        connection.object.unwrap().r#type,
        Some(ConnectedObjectType::Unknown("NEW_KIND".to_owned()))
    );
    assert_eq!(connection.connection_type.unwrap().as_str(), "SomethingNew");
    // A null locale origin is allowed.
    let message: ErrorMessageDto =
        serde_json::from_str(r#"{"localeOrigin":null,"locale":null}"#).unwrap();
    assert_eq!((message.locale_origin, message.locale), (None, None));
}

#[test]
fn date_times_keep_their_offset() {
    let workgroup: WorkgroupDto = round_trip(r#"{"created":"2022-01-06T19:51:13.25+05:30"}"#);
    assert_eq!(workgroup.created.unwrap().offset().whole_minutes(), 330);
}
