fn main() {
    let path = std::env::args().nth(1).unwrap();
    let source = std::fs::read_to_string(&path).unwrap();
    let (doc, mut diags) = ecs_rollout::read::read(&source, None);
    let typed = ecs_rollout::typecheck::check(&source, &doc, &mut diags);
    let checked = ecs_rollout::checks::run(&source, &typed, &mut diags);
    for d in &diags {
        println!(
            "{:?} {} {:?} {:?} | {}",
            d.severity,
            d.code.as_str(),
            d.span.as_ref().map(|s| &source[s.clone()]),
            d.path,
            d.message
        );
        for f in &d.fixes {
            println!("   fix: {} {:?}", f.title, f.edits);
        }
    }
    println!("{:?}", checked.strategy);
    println!("{:?}", checked.deployment);
}
