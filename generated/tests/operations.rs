//! Each of the ten operations against a real HTTP server on loopback: exactly what the server
//! receives, and the typed value the caller gets for the success status.

#![allow(clippy::unwrap_used)]

mod common;

use common::{
    assert_standard_headers, example, header, json_body, only_request, server_and_client,
};
use sailpoint_governance_groups::models::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn list_workgroups_sends_every_query_parameter_and_reads_the_total() {
    let (server, client) = server_and_client().await;
    Mock::given(method("GET"))
        .and(path("/v2024/workgroups"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(example("list_workgroups_200"))
                .insert_header("X-Total-Count", "137"),
        )
        .mount(&server)
        .await;

    let page = client
        .list_workgroups()
        .offset(100)
        .limit(50)
        .count(true)
        .filters(r#"name sw "Test""#)
        .sorters("name,-modified")
        .send_with_metadata()
        .await
        .unwrap();

    assert_eq!(page.status, 200);
    assert_eq!(page.header_number("x-total-count"), Some(137));
    let total =
        page.header::<sailpoint_governance_groups::operations::ListWorkgroupsXTotalCountHeader>();
    assert_eq!(total, Ok(Some(137_i64)));
    assert_eq!(page.body.len(), 1);
    assert_eq!(
        page.body[0].name.as_deref(),
        Some("DB Access Governance Group")
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.url.query(),
        Some("offset=100&limit=50&count=true&filters=name+sw+%22Test%22&sorters=name%2C-modified")
    );
    assert_standard_headers(&request);
    assert!(request.body.is_empty());
    assert_eq!(header(&request, "content-type"), None);
}

#[tokio::test]
async fn a_negative_total_count_breaks_the_documented_bound() {
    use sailpoint_governance_groups::operations::ListWorkgroupsXTotalCountHeader as Total;
    let (server, client) = server_and_client().await;
    Mock::given(method("GET"))
        .and(path("/v2024/workgroups"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([]))
                .insert_header("X-Total-Count", "-1"),
        )
        .mount(&server)
        .await;
    let page = client.list_workgroups().send_with_metadata().await.unwrap();
    let error = page.header::<Total>().unwrap_err();
    assert_eq!((error.name, error.text.as_str()), ("X-Total-Count", "-1"));
    assert!(
        error.to_string().contains("must be at least 0, got -1"),
        "{error}"
    );
}

#[tokio::test]
async fn a_total_count_that_is_no_count_is_an_error_naming_the_header_and_its_text() {
    use sailpoint_governance_groups::operations::ListWorkgroupMembersXTotalCountHeader as Total;
    let (server, client) = server_and_client().await;
    Mock::given(method("GET"))
        .and(path("/v2024/workgroups/wg-1/members"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([]))
                .insert_header("X-Total-Count", "lots"),
        )
        .mount(&server)
        .await;
    let page = client
        .list_workgroup_members("wg-1")
        .send_with_metadata()
        .await
        .unwrap();
    let error = page.header::<Total>().unwrap_err();
    assert_eq!((error.name, error.text.as_str()), ("X-Total-Count", "lots"));
    assert!(error.to_string().contains("invalid digit"), "{error}");

    // Not sent (the request did not ask for `count`): no value, no error.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let page = client
        .list_workgroup_members("wg-1")
        .send_with_metadata()
        .await
        .unwrap();
    assert_eq!(page.header::<Total>(), Ok(None));
}

#[tokio::test]
async fn unset_query_parameters_are_not_sent() {
    let (server, client) = server_and_client().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let groups = client.list_workgroups().send().await.unwrap();
    assert!(groups.is_empty());
    assert_eq!(only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn the_experimental_header_can_be_overridden() {
    let (server, client) = server_and_client().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    client
        .list_workgroups()
        .x_sail_point_experimental("false")
        .send()
        .await
        .unwrap();
    assert_eq!(
        header(&only_request(&server).await, "x-sailpoint-experimental"),
        Some("false")
    );
}

#[tokio::test]
async fn create_workgroup_posts_the_model_as_json() {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .and(path("/v2024/workgroups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("workgroup_dto")))
        .mount(&server)
        .await;

    // Builders take `&str` where the model holds a `String`.
    let group = WorkgroupDto::default()
        .with_name("DB Access Governance Group")
        .with_description("Description of the Governance Group")
        .with_owner(
            WorkgroupDtoOwner::default()
                .with_type(OwnerDtoType::Identity)
                .with_id("2c9180a46faadee4016fb4e018c20639"),
        );
    let created = client.create_workgroup(group).send().await.unwrap();

    assert_eq!(
        created.id.as_deref(),
        Some("2c91808568c529c60168cca6f90c1313")
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_standard_headers(&request);
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(
        json_body(&request),
        json!({
            "owner": {"type": "IDENTITY", "id": "2c9180a46faadee4016fb4e018c20639"},
            "name": "DB Access Governance Group",
            "description": "Description of the Governance Group"
        })
    );
}

#[tokio::test]
async fn get_workgroup_reads_one_group() {
    let (server, client) = server_and_client().await;
    Mock::given(method("GET"))
        .and(path("/v2024/workgroups/2c9180837ca6693d017ca8d097500149"))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("workgroup_dto")))
        .mount(&server)
        .await;

    let group = client
        .get_workgroup("2c9180837ca6693d017ca8d097500149")
        .send()
        .await
        .unwrap();

    assert_eq!(group.member_count, Some(1_641_498_673_000));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_standard_headers(&request);
}

#[tokio::test]
async fn patch_workgroup_sends_json_patch() {
    let (server, client) = server_and_client().await;
    Mock::given(method("PATCH"))
        .and(path("/v2024/workgroups/2c9180837ca6693d017ca8d097500149"))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("workgroup_dto")))
        .mount(&server)
        .await;

    let operations = vec![
        JsonPatchOperation::new(JsonPatchOperationOp::Replace, "/description")
            .with_value("Governance Group new description."),
    ];
    let group = client
        .patch_workgroup("2c9180837ca6693d017ca8d097500149")
        .body(operations)
        .send()
        .await
        .unwrap();

    assert_eq!(group.name.as_deref(), Some("DB Access Governance Group"));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PATCH");
    assert_standard_headers(&request);
    assert_eq!(
        header(&request, "content-type"),
        Some("application/json-patch+json")
    );
    assert_eq!(json_body(&request), example("patch_workgroup_request"));
}

#[tokio::test]
async fn delete_workgroup_returns_unit_on_204() {
    let (server, client) = server_and_client().await;
    Mock::given(method("DELETE"))
        .and(path("/v2024/workgroups/2c9180837ca6693d017ca8d097500149"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;

    let response = client
        .delete_workgroup("2c9180837ca6693d017ca8d097500149")
        .send_with_metadata()
        .await
        .unwrap();

    assert_eq!((response.status.as_u16(), response.body), (204, ()));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_standard_headers(&request);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn delete_workgroups_in_bulk_reads_each_outcome() {
    let (server, client) = server_and_client().await;
    let outcome = json!([
        {"id": "567a697e-885b-495a-afc5-d55e1c23a302", "status": 204, "description": "Governance Group deleted successfully."},
        {"id": "c7b0f7b2-1e78-4063-b294-a555333dacd2", "status": 409, "description": "Unable to delete: in use."}
    ]);
    Mock::given(method("POST"))
        .and(path("/v2024/workgroups/bulk-delete"))
        .respond_with(ResponseTemplate::new(207).set_body_json(outcome))
        .mount(&server)
        .await;

    let request_body = WorkgroupBulkDeleteRequest::new(vec![
        "567a697e-885b-495a-afc5-d55e1c23a302".to_owned(),
        "c7b0f7b2-1e78-4063-b294-a555333dacd2".to_owned(),
    ]);
    let items = client
        .delete_workgroups_in_bulk(request_body)
        .send()
        .await
        .unwrap();

    assert_eq!(items.len(), 2);
    assert_eq!(items[0].status, BulkItemStatus::Code(204));
    assert_eq!(items[1].status, BulkItemStatus::Code(409));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_standard_headers(&request);
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(
        json_body(&request),
        example("workgroup_bulk_delete_request")
    );
}

#[tokio::test]
async fn list_connections_sends_paging_and_sorting() {
    let (server, client) = server_and_client().await;
    let connections = json!([{
        "object": {"type": "ACCESS_PROFILE", "id": "2c91808568c529c60168cca6f90c1313", "name": "Employee-database-read-write", "description": null},
        "connectionType": "AccessRequestReviewer"
    }]);
    Mock::given(method("GET"))
        .and(path(
            "/v2024/workgroups/2c91808a7813090a017814121919ecca/connections",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(connections))
        .mount(&server)
        .await;

    let connections = client
        .list_connections("2c91808a7813090a017814121919ecca")
        .offset(0)
        .limit(25)
        .count(false)
        .sorters("-created")
        .send()
        .await
        .unwrap();

    let object = connections[0].object.as_ref().unwrap();
    assert_eq!(object.r#type, Some(ConnectedObjectType::AccessProfile));
    assert_eq!(object.description, None);
    assert_eq!(
        connections[0].connection_type,
        Some(WorkgroupConnectionDtoConnectionType::AccessRequestReviewer)
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.url.query(),
        Some("offset=0&limit=25&count=false&sorters=-created")
    );
    assert_standard_headers(&request);
}

#[tokio::test]
async fn list_workgroup_members_reads_members() {
    let (server, client) = server_and_client().await;
    let members = json!([{"type": "IDENTITY", "id": "2c7180a46faadee4016fb4e018c20642", "name": "Michael Michaels", "email": "michael.michaels@sailpoint.com"}]);
    Mock::given(method("GET"))
        .and(path(
            "/v2024/workgroups/2c91808a7813090a017814121919ecca/members",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(members))
        .mount(&server)
        .await;

    let members = client
        .list_workgroup_members("2c91808a7813090a017814121919ecca")
        .limit(50)
        .send()
        .await
        .unwrap();

    assert_eq!(
        members[0].email.as_deref(),
        Some("michael.michaels@sailpoint.com")
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.query(), Some("limit=50"));
    assert_standard_headers(&request);
}

#[tokio::test]
async fn update_workgroup_members_posts_identities_and_reads_outcomes() {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .and(path(
            "/v2024/workgroups/2c91808a7813090a017814121919ecca/members/bulk-add",
        ))
        .respond_with(
            ResponseTemplate::new(207).set_body_json(example("update_workgroup_members_207")),
        )
        .mount(&server)
        .await;

    let identities = vec![
        IdentityPreviewResponseIdentity::default()
            .with_type(OwnerDtoType::Identity)
            .with_id("464ae7bf791e49fdb74606a2e4a89635")
            .with_name("Addie Smith"),
    ];
    let outcomes = client
        .update_workgroup_members("2c91808a7813090a017814121919ecca", identities)
        .send()
        .await
        .unwrap();

    assert_eq!(outcomes[0].status, BulkItemStatus::Text("201".to_owned()));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_standard_headers(&request);
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(
        json_body(&request),
        example("update_workgroup_members_request")
    );
}

#[tokio::test]
async fn delete_workgroup_members_posts_identities_and_reads_outcomes() {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .and(path(
            "/v2024/workgroups/2c91808a7813090a017814121919ecca/members/bulk-delete",
        ))
        .respond_with(
            ResponseTemplate::new(207).set_body_json(example("delete_workgroup_members_207")),
        )
        .mount(&server)
        .await;

    let identities = vec![
        IdentityPreviewResponseIdentity::default().with_id("464ae7bf791e49fdb74606a2e4a89635"),
    ];
    let outcomes = client
        .delete_workgroup_members("2c91808a7813090a017814121919ecca", identities)
        .send()
        .await
        .unwrap();

    assert_eq!(outcomes[0].status, BulkItemStatus::Code(204));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_standard_headers(&request);
    assert_eq!(
        json_body(&request),
        json!([{"id": "464ae7bf791e49fdb74606a2e4a89635"}])
    );
}

#[tokio::test]
async fn path_parameters_stay_inside_their_segment() {
    let (server, client) = server_and_client().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    client.get_workgroup("a/../b").send().await.unwrap();
    client.get_workgroup("x?y#z").send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|request| request.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/v2024/workgroups/a%2F..%2Fb",
            "/v2024/workgroups/x%3Fy%23z"
        ]
    );
    assert!(requests.iter().all(|request| request.url.query().is_none()));
}

#[tokio::test]
async fn calls_and_streams_can_be_spawned() {
    // Futures and streams are `Send + 'static`, so they can move to another task.
    fn spawnable<T: Send + 'static>(_: &T) {}
    let (_server, client) = server_and_client().await;
    spawnable(&client.list_workgroups().send());
    spawnable(&client.get_workgroup("wg-1").send_with_metadata());
    spawnable(&client.list_workgroup_members("wg-1").into_stream());
}
