//! Reading the packs: each pack's manifest and files parsed into the checker, and `uses`
//! linked between packs.

use super::*;

impl Checker {
    pub(super) fn read_pack(&mut self, reader: &dyn PackReader) {
        let root = reader.display_root();
        let pack_index = self.packs.len();
        let mut hasher_input: Vec<(String, Vec<u8>)> = Vec::new();
        let names = match reader.rule_files() {
            Ok(n) => n,
            Err(e) => {
                self.errors.push(
                    LangError::new(
                        LangErrorKind::FileAccess,
                        Span::default(),
                        format!("cannot read the rule pack `{root}`: {e}"),
                    )
                    .with_help("give a directory that contains `pack.psrl`"),
                );
                return;
            }
        };
        if !names.iter().any(|n| n == "pack.psrl") {
            self.errors.push(
                LangError::new(LangErrorKind::Pack, Span::default(), format!("`{root}` has no `pack.psrl` manifest"))
                    .with_help("a rule pack is a directory with `pack.psrl` (`pack NAME { version: \"…\" }`) and `*.psrl` rule files"),
            );
            return;
        }
        let mut manifest: Option<ast::PackDecl> = None;
        let first_file = self.files.len();
        for name in names {
            let display = format!("{}/{}", root.trim_end_matches('/'), name);
            let bytes = match reader.read(&name) {
                Ok(b) => b,
                Err(e) => {
                    self.errors.push(
                        LangError::new(
                            LangErrorKind::FileAccess,
                            Span::default(),
                            format!("cannot read `{display}`: {e}"),
                        )
                        .with_help("check the file exists and is readable"),
                    );
                    continue;
                }
            };
            hasher_input.push((name.clone(), bytes.clone()));
            let text: Arc<str> = match String::from_utf8(bytes) {
                Ok(t) => t.into(),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    self.errors.push(
                        LangError::new(
                            LangErrorKind::FileAccess,
                            Span::new(at, at),
                            format!("`{display}` is not UTF-8 text (byte {at})"),
                        )
                        .with_help("save rule files as UTF-8"),
                    );
                    continue;
                }
            };
            let source =
                Arc::new(NamedText::new(display.clone(), Arc::clone(&text)).with_language("psrl"));
            let parsed = reader.parsed(&name).map(Ok);
            let ast = match parsed.unwrap_or_else(|| crate::syntax::parse_file(&text)) {
                Ok(ast) => ast,
                Err(e) => {
                    self.errors.push(
                        e.with_help_default("check the syntax against docs/language.md")
                            .in_source(&source),
                    );
                    ast::File::default()
                }
            };
            for item in &ast.items {
                if let Item::Pack(p) = item {
                    if name != "pack.psrl" {
                        self.errors.push(
                            LangError::new(
                                LangErrorKind::Pack,
                                p.span,
                                "a `pack` manifest belongs in `pack.psrl`",
                            )
                            .with_help("move this declaration to the pack's `pack.psrl`")
                            .in_source(&source),
                        );
                    } else if manifest.is_some() {
                        self.errors.push(
                            LangError::new(
                                LangErrorKind::Duplicate,
                                p.span,
                                "a second `pack` manifest",
                            )
                            .with_help("declare the pack once")
                            .in_source(&source),
                        );
                    } else {
                        manifest = Some(p.clone());
                    }
                }
            }
            self.files.push(LoadedFile {
                pack: pack_index,
                relative: name,
                text,
                source,
                ast,
                imports: Vec::new(),
            });
        }
        let manifest_file = self.files[first_file..]
            .iter()
            .position(|f| f.relative == "pack.psrl")
            .map(|i| i + first_file);
        let (name, version, description) = match &manifest {
            Some(m) => (
                m.name.name.clone(),
                m.version
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default(),
                m.description
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default(),
            ),
            None => {
                let err = LangError::new(
                    LangErrorKind::Pack,
                    Span::default(),
                    "`pack.psrl` does not declare the pack",
                )
                .with_help(
                    "start `pack.psrl` with `pack NAME { version: \"1.0.0\" description: \"…\" }`",
                );
                let err = match manifest_file {
                    Some(f) => err.in_source(&self.files[f].source),
                    None => err,
                };
                self.errors.push(err);
                (root.clone(), String::new(), String::new())
            }
        };
        if let (Some(m), Some(f)) = (&manifest, manifest_file) {
            if m.version.is_none() {
                self.errors.push(
                    LangError::new(
                        LangErrorKind::Pack,
                        m.name.span,
                        "the pack has no `version`",
                    )
                    .with_help("add `version: \"1.0.0\"` to the manifest")
                    .in_source(&self.files[f].source),
                );
            }
        }
        self.packs.push(LoadedPack {
            info: PackInfo {
                name,
                version,
                description,
                location: root,
                sha256: String::new(),
            },
            uses: Vec::new(),
            hashed: hasher_input,
        });
        // Resolve imports within the pack.
        for fid in first_file..self.files.len() {
            let imports: Vec<ast::Text> = self.files[fid]
                .ast
                .items
                .iter()
                .filter_map(|i| {
                    if let Item::Import(t) = i {
                        Some(t.clone())
                    } else {
                        None
                    }
                })
                .collect();
            for t in imports {
                let target = t.value.trim_start_matches("./").to_string();
                let found =
                    (first_file..self.files.len()).find(|&g| self.files[g].relative == target);
                match found {
                    Some(g) if stays_inside(&t.value) => self.files[fid].imports.push(g),
                    _ => {
                        let msg = if stays_inside(&t.value) {
                            format!("no rule file `{}` in this pack", t.value)
                        } else {
                            format!("`{}` leaves the pack directory", t.value)
                        };
                        let others: Vec<&str> = self.files[first_file..]
                            .iter()
                            .filter(|f| f.relative != self.files[fid].relative)
                            .map(|f| f.relative.as_str())
                            .collect();
                        let help = expr::did_you_mean(&t.value, &others).unwrap_or_else(|| {
                            "import a `*.psrl` file of the same pack, by its file name".into()
                        });
                        let err = LangError::new(LangErrorKind::FileAccess, t.span, msg)
                            .with_help(help)
                            .in_source(&self.files[fid].source);
                        self.errors.push(err);
                    }
                }
            }
        }
    }

    pub(super) fn link_packs(&mut self) {
        let names: Vec<String> = self.packs.iter().map(|p| p.info.name.clone()).collect();
        for (i, name) in names.iter().enumerate() {
            if names[..i].contains(name) {
                self.errors.push(
                    LangError::new(
                        LangErrorKind::Duplicate,
                        Span::default(),
                        format!("the pack `{name}` is loaded twice"),
                    )
                    .with_help("give each rule directory once"),
                );
            }
        }
        for fid in 0..self.files.len() {
            let pack = self.files[fid].pack;
            let uses: Vec<ast::Ident> = self.files[fid]
                .ast
                .items
                .iter()
                .filter_map(|i| {
                    if let Item::Pack(p) = i {
                        Some(p.uses.clone())
                    } else {
                        None
                    }
                })
                .flatten()
                .collect();
            for u in uses {
                match names.iter().position(|n| *n == u.name) {
                    Some(p) => self.packs[pack].uses.push(p),
                    None => {
                        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                        let help = expr::did_you_mean(&u.name, &refs).unwrap_or_else(|| {
                            format!(
                                "load the pack `{}` too (`--rules DIR`), or remove it from `uses`",
                                u.name
                            )
                        });
                        let err = LangError::new(
                            LangErrorKind::Pack,
                            u.span,
                            format!("this pack uses `{}`, which is not loaded", u.name),
                        )
                        .with_help(help)
                        .in_source(&self.files[fid].source);
                        self.errors.push(err);
                    }
                }
            }
        }
    }
}
