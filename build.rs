//! Rebuild folio when a file of the embedded default theme is added, removed
//! or changed (`include_dir!` alone does not tell cargo about new files).

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
