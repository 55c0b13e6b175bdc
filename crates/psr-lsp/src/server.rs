//! The protocol loop: the initialize handshake, then requests and notifications dispatched to the
//! state and the feature modules, until `shutdown` and `exit`.

use crate::arrangement;
use crate::state::{Doc, Kind, Publish, State};
use crate::text::apply_changes;
use crate::{Host, ServerError};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CodeActionOrCommand, CodeActionProviderCapability, CompletionOptions, CompletionResponse,
    GotoDefinitionResponse, Hover, HoverContents, HoverProviderCapability, InitializeParams,
    Location, MarkupContent, MarkupKind, OneOf, PositionEncodingKind, PublishDiagnosticsParams,
    SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde_json::Value;

/// What the server offers: incremental sync, hover, completion, code actions, definitions.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "=".into(), " ".into(), "[".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs the server on `connection` until the client shuts it down.
pub fn run(connection: &Connection, host: &dyn Host) -> Result<(), ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let root = root_of(&params);
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo { name: "psrlint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection.initialize_finish(id, result)?;
    let mut state = State::new(host, root);
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                let response = request(&mut state, req);
                send(connection, Message::Response(response))?;
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Ok(());
                }
                let publish = notification(&mut state, n);
                publish_all(connection, publish)?;
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn root_of(params: &InitializeParams) -> Option<std::path::PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone());
    #[expect(deprecated, reason = "older clients send only rootUri")]
    let uri = folder.or_else(|| params.root_uri.clone());
    uri.and_then(|u| u.to_file_path().ok())
}

fn send(connection: &Connection, msg: Message) -> Result<(), ServerError> {
    connection
        .sender
        .send(msg)
        .map_err(|_| ServerError::Disconnected)
}

fn publish_all(connection: &Connection, publish: Publish) -> Result<(), ServerError> {
    for (uri, version, diagnostics) in publish {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let n = Notification::new(PublishDiagnostics::METHOD.into(), params);
        send(connection, Message::Notification(n))?;
    }
    Ok(())
}

fn notification(state: &mut State<'_>, n: Notification) -> Publish {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Ok(p) =
                n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
            else {
                return Vec::new();
            };
            let uri = p.text_document.uri;
            let doc = Doc::new(&uri, p.text_document.text, p.text_document.version);
            state.docs.insert(uri.clone(), doc);
            check(state, &uri)
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) =
                n.extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
            else {
                return Vec::new();
            };
            let uri = p.text_document.uri;
            let Some(doc) = state.docs.get_mut(&uri) else {
                return Vec::new();
            };
            apply_changes(&mut doc.text, p.content_changes);
            doc.lines = crate::text::Lines::new(&doc.text);
            doc.version = p.text_document.version;
            check(state, &uri)
        }
        DidSaveTextDocument::METHOD => {
            let Ok(p) =
                n.extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
            else {
                return Vec::new();
            };
            let uri = p.text_document.uri;
            match Kind::of(&uri) {
                // The workspace's configuration or packs changed: reload, re-check every open
                // arrangement file.
                Kind::Config | Kind::Rules => {
                    state.reload();
                    let mut publish = check(state, &uri);
                    let open: Vec<Url> = state
                        .docs
                        .iter()
                        .filter(|(_, d)| matches!(d.kind, Kind::Arrangement(_)))
                        .map(|(u, _)| u.clone())
                        .collect();
                    for u in open {
                        publish.extend(state.check_arrangement(&u));
                    }
                    publish
                }
                _ => check(state, &uri),
            }
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) =
                n.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
            else {
                return Vec::new();
            };
            let uri = p.text_document.uri;
            let was = state.docs.remove(&uri);
            match was.map(|d| d.kind) {
                Some(Kind::Arrangement(_)) => vec![(uri, None, Vec::new())],
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// Re-checks one document.
fn check(state: &mut State<'_>, uri: &Url) -> Publish {
    match state.docs.get(uri).map(|d| d.kind) {
        Some(Kind::Arrangement(_)) => state.check_arrangement(uri),
        Some(Kind::Rules) => state.check_rules(uri),
        _ => Vec::new(),
    }
}

fn request(state: &mut State<'_>, req: Request) -> Response {
    let id = req.id.clone();
    let result: Result<Value, String> = match req.method.as_str() {
        HoverRequest::METHOD => parse(req).map(|p| json(hover(state, p))),
        Completion::METHOD => parse(req).map(|p| json(completion(state, p))),
        CodeActionRequest::METHOD => parse(req).map(|p| json(code_actions(state, p))),
        GotoDefinition::METHOD => parse(req).map(|p| json(definition(state, p))),
        other => {
            return Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("psrlint does not answer `{other}`"),
            )
        }
    };
    match result {
        Ok(v) => Response::new_ok(id, v),
        Err(why) => Response::new_err(id, ErrorCode::InvalidParams as i32, why),
    }
}

fn parse<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, String> {
    serde_json::from_value(req.params).map_err(|e| format!("invalid parameters: {e}"))
}

fn json<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn markdown_hover(text: String, range: Option<lsp_types::Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range,
    }
}

fn hover(state: &mut State<'_>, p: lsp_types::HoverParams) -> Option<Hover> {
    let uri = p.text_document_position_params.text_document.uri;
    let position = p.text_document_position_params.position;
    let kind = state.docs.get(&uri)?.kind;
    match kind {
        Kind::Arrangement(syntax) => {
            state.ensure_workspace();
            let program = state.program()?;
            let doc = state.docs.get(&uri)?;
            let offset = doc.lines.offset(&doc.text, position);
            let (text, span) =
                arrangement::hover::hover(program, &doc.text, syntax, doc.report.as_ref(), offset)?;
            Some(markdown_hover(
                text,
                span.map(|s| doc.lines.range(&doc.text, s)),
            ))
        }
        Kind::Rules => {
            let path = uri.to_file_path().ok()?;
            let all: Vec<crate::rulefile::Symbol> = state
                .rule_sources(&path)
                .iter()
                .flat_map(|(p, t)| crate::rulefile::symbols(p, t))
                .collect();
            let doc = state.docs.get(&uri)?;
            let offset = doc.lines.offset(&doc.text, position);
            let (text, span) = crate::rulefile::hover(&all, &doc.text, offset)?;
            Some(markdown_hover(text, Some(doc.lines.range(&doc.text, span))))
        }
        _ => None,
    }
}

fn completion(state: &mut State<'_>, p: lsp_types::CompletionParams) -> Option<CompletionResponse> {
    let uri = p.text_document_position.text_document.uri;
    let Kind::Arrangement(syntax) = state.docs.get(&uri)?.kind else {
        return None;
    };
    state.ensure_workspace();
    let program = state.program()?;
    let doc = state.docs.get(&uri)?;
    let offset = doc
        .lines
        .offset(&doc.text, p.text_document_position.position);
    let items = arrangement::completion::complete(
        program,
        &doc.text,
        syntax,
        doc.last_good.as_ref(),
        offset,
    );
    Some(CompletionResponse::Array(items))
}

fn code_actions(
    state: &mut State<'_>,
    p: lsp_types::CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let uri = p.text_document.uri;
    let Kind::Arrangement(syntax) = state.docs.get(&uri)?.kind else {
        return None;
    };
    state.ensure_workspace();
    let program = state.program()?;
    let doc = state.docs.get(&uri)?;
    let report = doc.report.as_ref()?;
    let actions = arrangement::actions::actions(
        program,
        &doc.text,
        syntax,
        report,
        &uri,
        p.range,
        &p.context.diagnostics,
    );
    Some(
        actions
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect(),
    )
}

fn definition(
    state: &mut State<'_>,
    p: lsp_types::GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let uri = p.text_document_position_params.text_document.uri;
    let doc = state.docs.get(&uri)?;
    if doc.kind != Kind::Rules {
        return None;
    }
    let offset = doc
        .lines
        .offset(&doc.text, p.text_document_position_params.position);
    let (name, _, after_dot) = crate::rulefile::word_at(&doc.text, offset)?;
    let path = uri.to_file_path().ok()?;
    let sources = state.rule_sources(&path);
    let all: Vec<crate::rulefile::Symbol> = sources
        .iter()
        .flat_map(|(p, t)| crate::rulefile::symbols(p, t))
        .collect();
    let locations: Vec<Location> = crate::rulefile::definitions(&all, &name, after_dot)
        .into_iter()
        .filter_map(|s| {
            let text = &sources.iter().find(|(p, _)| *p == s.file)?.1;
            let lines = crate::text::Lines::new(text);
            Some(Location::new(
                Url::from_file_path(&s.file).ok()?,
                lines.range(text, s.span),
            ))
        })
        .collect();
    Some(GotoDefinitionResponse::Array(locations))
}
