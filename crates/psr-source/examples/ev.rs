#![allow(missing_docs, clippy::unwrap_used)]
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let mut p = saphyr_parser::Parser::new_from_str(&text);
    while let Some(Ok((ev, sp))) = p.next_event() {
        println!("{:?} {}..{}", ev, sp.start.index(), sp.end.index());
    }
}
