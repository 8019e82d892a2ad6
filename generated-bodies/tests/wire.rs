//! Each kind of body and parameter, checked byte by byte as it arrives at a loopback server, and
//! each kind of response decoded as the user gets it.

#![allow(clippy::unwrap_used)]

mod support;

use generated_bodies::models::{
    Address, Book, Cat, Disc, Item, ItemVariant, Job, JobStatus, Pet, Receipt, SearchRange, Signup,
    Tree, UploadDocumentMetadata,
};
use generated_bodies::operations::StartJobOutput;
use generated_bodies::{Client, FilePart, RequestOptions, Upload};
use support::{Keep, Recorded, Reply, WireServer};

const RECEIPT: &str = r#"{"received":"yes"}"#;

fn client(server: &WireServer) -> Client {
    Client::builder()
        .api_root(&server.url)
        .max_attempts(1)
        .build()
        .unwrap()
}

async fn receipt_server() -> WireServer {
    WireServer::start(Keep::All, Reply::json(200, RECEIPT)).await
}

/// The boundary a multipart request declared in its `Content-Type`.
fn boundary(request: &Recorded) -> String {
    let content_type = request.header("content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("{content_type}"));
    boundary.to_owned()
}

#[tokio::test]
async fn a_form_sends_nested_objects_and_arrays_as_its_encoding_says() {
    let server = receipt_server().await;
    let signup = Signup::new("Ann Lee & co")
        .with_age(41)
        .with_tags(vec!["a b".to_owned(), "c".to_owned()])
        .with_colors(vec!["red".to_owned(), "blue".to_owned()])
        .with_address(Address::default().with_city("Zürich").with_zip("8001"));
    let receipt = client(&server).submit_form(signup).send().await.unwrap();
    assert_eq!(receipt, Receipt::new("yes"));

    let request = server.only_request();
    assert_eq!(request.line, "POST /api/forms HTTP/1.1");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // `tags` is form without explode (one comma-joined value, the comma escaped by the form
    // serializer), `colors` pipe-delimited, `address` a deep object; others the default.
    assert_eq!(
        request.body_text(),
        "name=Ann+Lee+%26+co&age=41&tags=a+b%2Cc&colors=red%7Cblue\
         &address%5Bcity%5D=Z%C3%BCrich&address%5Bzip%5D=8001"
    );
    assert_eq!(
        request.header("content-length"),
        Some(request.body.len().to_string().as_str())
    );
}

#[tokio::test]
async fn multipart_parts_carry_names_file_names_and_types() {
    let server = WireServer::start(Keep::All, Reply::json(201, RECEIPT)).await;
    let file = FilePart::new(Upload::bytes(&b"%PDF-1.7 \x00\xff"[..]))
        .file_name("report \"Q3\".pdf")
        .content_type("application/pdf");
    let thumbnail = FilePart::new(Upload::bytes(&b"\x89PNG"[..])).file_name("t.png");
    let metadata = UploadDocumentMetadata::default()
        .with_owner("ann")
        .with_pages(3);
    let receipt = client(&server)
        .upload_document(file)
        .description("quarterly report")
        .metadata(metadata)
        .thumbnail(thumbnail)
        .send()
        .await
        .unwrap();
    assert_eq!(receipt.received, "yes");

    let request = server.only_request();
    let boundary = boundary(&request);
    assert!(boundary.len() >= 16, "{boundary}");
    let mut expected = Vec::new();
    let mut part = |headers: &str, content: &[u8]| {
        expected.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
        expected.extend_from_slice(content);
        expected.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"description\"",
        b"quarterly report",
    );
    part(
        "Content-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json",
        br#"{"owner":"ann","pages":3}"#,
    );
    part(
        "Content-Disposition: form-data; name=\"file\"; filename=\"report %22Q3%22.pdf\"\r\n\
         Content-Type: application/pdf",
        b"%PDF-1.7 \x00\xff",
    );
    // No type given: the spec's `encoding.contentType` for the part.
    part(
        "Content-Disposition: form-data; name=\"thumbnail\"; filename=\"t.png\"\r\n\
         Content-Type: image/png",
        b"\x89PNG",
    );
    expected.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(request.body, expected);
    assert_eq!(
        request.header("content-length"),
        Some(expected.len().to_string().as_str())
    );
}

#[tokio::test]
async fn a_binary_upload_is_sent_as_it_is() {
    let server = WireServer::start(Keep::All, Reply::empty(204)).await;
    let bytes: Vec<u8> = (0..=255).collect();
    client(&server)
        .put_blob("a/b c", bytes.clone())
        .send()
        .await
        .unwrap();
    let request = server.only_request();
    assert_eq!(request.line, "PUT /api/blobs/a%2Fb%20c HTTP/1.1");
    assert_eq!(
        request.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(request.body, bytes);
}

#[tokio::test]
async fn a_stream_upload_is_sent_once_and_never_retried() {
    let server = WireServer::start(Keep::All, Reply::json(503, "{}")).await;
    let client = Client::builder()
        .api_root(&server.url)
        .max_attempts(3)
        .retry_base_delay(std::time::Duration::from_millis(1))
        .build()
        .unwrap();
    let chunks = futures_util::stream::iter(vec![
        Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"one,")),
        Ok(bytes::Bytes::from_static(b"two")),
    ]);
    let error = client
        .put_blob("x", Upload::stream(chunks, None))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error.status().map(|status| status.as_u16()),
        Some(503),
        "{error}"
    );
    let request = server.only_request();
    assert_eq!(request.header("transfer-encoding"), Some("chunked"));
    assert_eq!(request.body, b"one,two");
}

#[tokio::test]
async fn text_goes_out_as_text_and_comes_back_as_a_string() {
    let server = WireServer::start(
        Keep::All,
        Reply::with_body(200, "text/csv; charset=utf-8", "id,note\n1,héllo\n"),
    )
    .await;
    let csv = client(&server).add_note("héllo").send().await.unwrap();
    assert_eq!(csv, "id,note\n1,héllo\n");
    let request = server.only_request();
    assert_eq!(request.header("content-type"), Some("text/plain"));
    assert_eq!(request.body_text(), "héllo");
}

#[tokio::test]
async fn a_download_gives_status_and_headers_before_the_body() {
    let server = WireServer::start(
        Keep::All,
        Reply::with_body(200, "application/octet-stream", b"\x00\x01\x02".to_vec()),
    )
    .await;
    let response = client(&server)
        .get_blob("x")
        .send_with_metadata()
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.headers["content-length"], "3");
    let mut download = response.into_body();
    assert_eq!(download.content_length(), Some(3));
    let mut bytes = Vec::new();
    while let Some(chunk) = futures_util::StreamExt::next(&mut download).await {
        bytes.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(bytes, [0, 1, 2]);
}

#[tokio::test]
async fn a_download_over_the_calls_own_limit_fails_before_reading() {
    let server = WireServer::start(
        Keep::All,
        Reply::with_body(200, "application/octet-stream", vec![7; 4096]),
    )
    .await;
    let options = RequestOptions::new().max_response_bytes(1024);
    let error = client(&server)
        .get_blob("x")
        .with_options(options)
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("1024"), "{error}");
}

#[tokio::test]
async fn each_success_status_has_its_own_variant() {
    let server = receipt_server().await;
    let output = client(&server)
        .start_job(Signup::new("a"))
        .send()
        .await
        .unwrap();
    assert_eq!(output, StartJobOutput::Ok(Receipt::new("yes")));
    // A JSON body declared under several media types is sent as `application/json`.
    let request = server.only_request();
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.body_text(), r#"{"name":"a"}"#);

    let server = WireServer::start(
        Keep::All,
        Reply::json(202, r#"{"id":"j1","status":"queued"}"#),
    )
    .await;
    let output = client(&server)
        .start_job(Signup::new("a"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        output,
        StartJobOutput::Accepted(Job::new("j1", JobStatus::Queued))
    );
}

#[tokio::test]
async fn parameters_follow_their_styles_and_cookies_share_one_header() {
    let server = receipt_server().await;
    client(&server)
        .search(vec![3, 4], SearchRange::new(1, 9), "s=1;x")
        .words(vec!["big".to_owned(), "red dog".to_owned()])
        .colors(vec!["red".to_owned(), "blue".to_owned()])
        .filter(Address::default().with_city("Oslo").with_zip("0150"))
        .theme("dark")
        .send()
        .await
        .unwrap();
    let request = server.only_request();
    assert_eq!(
        request.line,
        "GET /api/search/.3.4/;range=from,1,to,9\
         ?words=big+red+dog&colors=red%7Cblue\
         &filter%5Bcity%5D=Oslo&filter%5Bzip%5D=0150 HTTP/1.1"
    );
    // `=` may stand in a cookie value (RFC 6265); `;` may not.
    assert_eq!(
        request.header("cookie"),
        Some("session=s=1%3Bx; theme=dark")
    );
}

#[tokio::test]
async fn a_discriminated_union_decodes_by_its_tag() {
    let pet = |body: &'static str| async move {
        let server = WireServer::start(Keep::All, Reply::json(200, body)).await;
        client(&server).get_pet("p").send().await
    };
    // Mapped tags, the second one to the same schema.
    for tag in ["cat", "kitten"] {
        let body: &'static str = Box::leak(format!(r#"{{"meows":true,"kind":"{tag}"}}"#).into());
        assert_eq!(pet(body).await.unwrap(), Pet::Cat(Cat::new(tag, true)));
    }
    // The implicit tag: the schema's name.
    let dog = pet(r#"{"kind":"Dog","barks":2,"friend":{"kind":"cat","meows":false}}"#)
        .await
        .unwrap();
    let Pet::Dog(dog) = dog else {
        panic!("{dog:?}")
    };
    assert_eq!(
        dog.friend.as_deref(),
        Some(&Pet::Cat(Cat::new("cat", false)))
    );
    // A tagged object that does not fit its variant is an error, not another variant.
    let error = pet(r#"{"kind":"cat","barks":2}"#).await.unwrap_err();
    let why = std::error::Error::source(&error).map(ToString::to_string);
    assert!(
        why.as_ref()
            .is_some_and(|why| why.contains("missing field `meows`")),
        "{why:?}"
    );
    // An unknown tag tries the untagged variant, then keeps the object as it came.
    let lizard = pet(r#"{"kind":"lizard","scales":9}"#).await.unwrap();
    assert!(
        matches!(lizard, Pet::Lizard(ref lizard) if lizard.scales == 9),
        "{lizard:?}"
    );
    let unknown = pet(r#"{"kind":"axolotl","gills":6}"#).await.unwrap();
    assert_eq!(
        unknown,
        Pet::Unknown(serde_json::json!({"kind": "axolotl", "gills": 6}))
    );
    // What decodes also encodes back to the same JSON.
    assert_eq!(
        serde_json::to_value(&unknown).unwrap(),
        serde_json::json!({"kind": "axolotl", "gills": 6})
    );
}

#[tokio::test]
async fn a_union_beside_properties_keeps_both() {
    let server = WireServer::start(
        Keep::All,
        Reply::json(200, r#"{"pages":120,"id":"i1","label":"Dune"}"#),
    )
    .await;
    let item = client(&server).get_item(7).send().await.unwrap();
    assert_eq!(item.id, "i1");
    assert_eq!(item.label.as_deref(), Some("Dune"));
    assert_eq!(item.variant, ItemVariant::Book(Book::new(120)));
    let built = Item::new("i1", Book::new(120)).with_label("Dune");
    assert_eq!(item, built);
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        serde_json::json!({"id": "i1", "label": "Dune", "pages": 120})
    );
    // A union path parameter is sent as the variant it holds.
    let request = server.only_request();
    assert_eq!(request.line, "GET /api/items/7 HTTP/1.1");
    let server = WireServer::start(Keep::All, Reply::json(200, r#"{"id":"x","minutes":3}"#)).await;
    let item = client(&server)
        .get_item("a/b".to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(item.variant, ItemVariant::Disc(Disc::new(3)));
    assert_eq!(server.only_request().line, "GET /api/items/a%2Fb HTTP/1.1");
    // The shared properties are required as any others.
    let missing: Result<Item, _> = serde_json::from_str(r#"{"pages":1}"#);
    assert!(
        missing
            .unwrap_err()
            .to_string()
            .contains("missing field `id`")
    );
}

#[tokio::test]
async fn nested_unions_decode_in_one_pass_per_level() {
    // 60 levels of `Right`, each holding the next in `child` before its own `right`: a decoder
    // that tried `Left` first at each level, and then `Right`, would read the innermost level
    // 2^60 times.
    let mut body = r#"{"leaf":1}"#.to_owned();
    for _ in 0..60 {
        body = format!(r#"{{"child":{body},"right":2}}"#);
    }
    let server = WireServer::start(Keep::All, Reply::json(200, &body)).await;
    let call = client(&server).get_tree().send();
    let mut tree = tokio::time::timeout(std::time::Duration::from_secs(30), call)
        .await
        .expect("decoding took exponential time")
        .unwrap();
    let mut depth = 0;
    while let Tree::Right(right) = tree {
        assert_eq!(right.right, 2);
        tree = *right.child;
        depth += 1;
    }
    assert_eq!(depth, 60);
    assert!(
        matches!(tree, Tree::Leaf(ref leaf) if leaf.leaf == 1),
        "{tree:?}"
    );
}
