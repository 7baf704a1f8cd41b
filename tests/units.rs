//! `vardval units import` and `vardval units check` as a region would run
//! them, on files made here. Every expected line is worked out from the input.

use rust_xlsxwriter::Workbook;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn vardval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vardval")).args(args).output().expect("vardval starts")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder of the test's own, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("vardval-units-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A cell of a test spreadsheet.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Empty,
}
use Cell::{Empty, Number, Text};

/// An .xlsx file with a first sheet "Läs mig" (a note) and `sheet` with `rows`.
fn xlsx(path: &Path, sheet: &str, rows: &[Vec<Cell>]) {
    let mut workbook = Workbook::new();
    workbook.add_worksheet().set_name("Läs mig").unwrap().write_string(0, 0, "Enheterna finns på nästa blad.").unwrap();
    let sheet = workbook.add_worksheet().set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Text(t) => sheet.write_string(r, c, *t).map(|_| ()).unwrap(),
                Number(n) => sheet.write_number(r, c, *n).map(|_| ()).unwrap(),
                Empty => {}
            }
        }
    }
    workbook.save(path).unwrap();
}

const UNIT_CSV_HEADER: &str = "id,name,lat,lon,region,municipality,address,postal_code,phone,url,list_closed,digital,source";

#[test]
fn import_a_spreadsheet_with_swedish_headers() {
    let dir = TempDir::new("xlsx");
    let path = dir.0.join("enheter.xlsx");
    let header = [" HSA-id ", "Namn", "Adress", "Postnummer", "kommun", "LÄN", "Latitud", "Longitud", "Telefon", "Webbplats", "Tar emot nya patienter"].map(Text);
    xlsx(
        &path,
        "Enheter",
        &[
            // A title above the header, and an empty row, are passed over.
            vec![Text("Vårdcentraler i Region Jönköpings län, november 2026")],
            vec![],
            header.into(),
            // A municipality and a region by name; the postal code and the position as number cells.
            vec![Text("SE2321000000-E00001"), Text("Vårdcentralen Ljungarum"), Text("Ljungarumsvägen 1"), Number(55320.0), Text("Jönköping"), Text("Region Jönköpings län"), Number(57.7612), Number(14.1735), Text("036-32 40 00"), Text("https://www.rjl.se"), Text("Ja")],
            // Codes as text, the position with decimal commas, a closed list.
            vec![Text("SE2321000000-E00002"), Text("Hälsocentralen Nässjö"), Empty, Text("571 31"), Text("0682"), Text("06"), Text("57,6531"), Text("14,6968"), Empty, Empty, Text("nej")],
            vec![],
            // Codes as numbers (Excel drops the leading zeros: 0662 → 662, 06 → 6), the list's status unknown.
            vec![Text("SE2321000000-E00003"), Text("Gislaveds vårdcentral"), Empty, Empty, Number(662.0), Number(6.0), Number(57.3044), Number(13.5408), Empty, Empty, Empty],
        ],
    );
    let file = path.to_str().unwrap();

    let out = vardval(&["units", "import", file, "--sheet", "Enheter"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = [
        UNIT_CSV_HEADER,
        "SE2321000000-E00001,Vårdcentralen Ljungarum,57.7612,14.1735,06,0680,Ljungarumsvägen 1,55320,036-32 40 00,https://www.rjl.se,false,,",
        "SE2321000000-E00002,Hälsocentralen Nässjö,57.6531,14.6968,06,0682,,571 31,,,true,,",
        "SE2321000000-E00003,Gislaveds vårdcentral,57.3044,13.5408,06,0662,,,,,,,",
    ];
    assert_eq!(stdout(&out), expected.join("\n") + "\n");
    assert_eq!(stderr(&out), format!("{file}: 3 units\n"));

    // What it writes passes `units check`.
    let csv = dir.file("units.csv", &out.stdout);
    let check = vardval(&["units", "check", &csv]);
    assert_eq!(stdout(&check), format!("{csv}: 3 units, 1 region, 1 with a closed list: no problems\n"));

    // The first sheet is a note, not a list; a sheet that is not there is named with those that are.
    let first = vardval(&["units", "import", file]);
    assert_eq!(first.status.code(), Some(1));
    assert!(first.stdout.is_empty());
    assert!(stderr(&first).contains(&format!("{file}:1: Enheterna finns på nästa blad. (column A): unknown_column: ")), "{}", stderr(&first));
    let missing = vardval(&["units", "import", file, "--sheet", "Blad1"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(stderr(&missing), format!("{file}: -: unreadable_input: {file} has no sheet \"Blad1\"; its sheets: Läs mig, Enheter\n{file}: 1 problem\n"));
}

#[test]
fn import_reports_every_problem_with_its_row_and_column_and_writes_nothing() {
    let dir = TempDir::new("xlsx-problems");
    let path = dir.0.join("enheter.xlsx");
    let header = ["HSA-id", "Namn", "Latitud", "Longitud", "Kommun", "Län", "Postort", "Telfon"].map(Text);
    xlsx(
        &path,
        "Enheter",
        &[
            header.into(),
            vec![Text("a1"), Text("Vårdcentralen Ljungarum"), Number(57.7612), Number(14.1735), Text("0680"), Text("06")],
            vec![Text("a2"), Text("=HYPERLINK(\"https://example.se\")"), Number(57.7612), Number(14.1735), Text("0680"), Text("06")],
            // Copenhagen: inside the old bounding box, not in Sweden.
            vec![Text("a3"), Text("Vårdcentralen Köpenhamn"), Number(55.6761), Number(12.5683)],
            vec![Text("a4"), Text("Vårdcentralen Göteborg"), Number(57.7072), Number(11.9668), Text("Göteborg"), Text("Jönköpings län")],
            vec![Text("a1"), Text("Vårdcentralen Gamla"), Text("57,76,12"), Number(14.1735), Text("Götebrog"), Text("Lappland")],
        ],
    );
    let file = path.to_str().unwrap();
    let out = vardval(&["units", "import", file, "--sheet", "Enheter"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let lines: Vec<String> = stderr(&out).lines().map(|l| l.strip_prefix(file).unwrap_or(l).to_string()).collect();
    let expected = [
        ":1: Postort (column G): unknown_column: ",
        ":1: Telfon (column H): unknown_column: not a column the import knows: did you mean \"Telefon\"? ",
        ":3: Namn (column B): formula_injection: \"=HYPERLINK(\"https://\" starts with =, +, - or @: a spreadsheet runs it as a formula",
        ":4: Latitud (column C): outside_sweden: 55.6761, 12.5683 is not in Sweden",
        ":5: Kommun (column E): municipality_not_in_region: 1480 (Göteborg) is in län 14 (Västra Götalands län), not in 06 (Jönköpings län)",
        ":6: Kommun (column E): unknown_municipality: \"Götebrog\" is not a municipality's code or name",
        ":6: Län (column F): unknown_region: \"Lappland\" is not a län code or a region's name",
        ":6: Latitud (column C): invalid_number: \"57,76,12\" is not a number",
        ":6: HSA-id (column A): duplicate_id: \"a1\" is also on row 2",
        ": 9 problems",
    ];
    assert_eq!(lines.len(), expected.len(), "{lines:#?}");
    for (line, start) in lines.iter().zip(expected) {
        assert!(line.starts_with(start), "{line:?} should start with {start:?}");
    }
}

/// An OpenDocument spreadsheet (LibreOffice's .ods) of one sheet: text
/// cells, and float cells for numbers.
fn ods(path: &Path, rows: &[Vec<Cell>]) {
    let cell = |c: &Cell| match c {
        Text(t) => format!("<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>"),
        Number(n) => format!("<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"),
        Empty => "<table:table-cell/>".into(),
    };
    let body: String = rows.iter().map(|r| format!("<table:table-row>{}</table:table-row>", r.iter().map(cell).collect::<String>())).collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Blad1\">{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("META-INF/manifest.xml", manifest), ("content.xml", &content)] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn import_an_opendocument_spreadsheet() {
    let dir = TempDir::new("ods");
    let path = dir.0.join("enheter.ods");
    let header = ["HSA-id", "Namn", "Kommun", "Region", "Lat", "Lon", "Accepts new patients", "Digital"].map(Text);
    ods(&path, &[header.into(), vec![Text("A1"), Text("Vårdcentralen Åsen"), Text("Stockholms kommun"), Text("Region Stockholm"), Number(59.3326), Number(18.0649), Text("No"), Text("Yes")]]);
    let out = vardval(&["units", "import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{UNIT_CSV_HEADER}\nA1,Vårdcentralen Åsen,59.3326,18.0649,01,0180,,,,,true,true,\n"));
}

#[test]
fn import_a_semicolon_separated_windows_1252_csv_as_excel_saves_it() {
    let dir = TempDir::new("csv-1252");
    // "Län", "Vårdcentralen Åsen", "Västra Götalandsregionen" in Windows-1252: ä = E4, å = E5, Å = C5.
    let bytes: &[u8] = b"HSA-id;Namn;Kommunkod;L\xe4n;Latitud;Longitud;Tar emot nya patienter\r\n\
        A1;V\xe5rdcentralen \xc5sen;180;Stockholms l\xe4n;59,3326;18,0649;JA\r\n\
        A2;\"Hj\xe4rtat; Majorna\";1480;V\xe4stra G\xf6talandsregionen;57,6931;11,9311;\r\n";
    let file = dir.file("enheter.csv", bytes);
    let out = vardval(&["units", "import", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = [UNIT_CSV_HEADER, "A1,Vårdcentralen Åsen,59.3326,18.0649,01,0180,,,,,false,,", "A2,Hjärtat; Majorna,57.6931,11.9311,14,1480,,,,,,,"];
    assert_eq!(stdout(&out), expected.join("\n") + "\n");
}

#[test]
fn import_knows_the_regions_own_names_and_habo_from_habo() {
    let dir = TempDir::new("region-names");
    // "Region Sörmland" and "Region Jämtland Härjedalen" are the regions' own names; Habo
    // (0643, Jönköping) is not Håbo (0305, Uppsala). Positions: Nyköping, Östersund, Habo.
    let text = "HSA-id,Namn,Kommun,Län,Lat,Lon\n\
        S1,Vårdcentralen Nyköping,Nyköping,Region Sörmland,58.7530,17.0079\n\
        J1,Vårdcentralen Östersund,Östersund,Region Jämtland Härjedalen,63.1792,14.6357\n\
        H1,Vårdcentralen Habo,Habo,Region Jönköpings län,57.9066,14.0856\n";
    let file = dir.file("enheter.csv", text.as_bytes());
    let out = vardval(&["units", "import", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = [UNIT_CSV_HEADER, "S1,Vårdcentralen Nyköping,58.7530,17.0079,04,0480,,,,,,,", "J1,Vårdcentralen Östersund,63.1792,14.6357,23,2380,,,,,,,", "H1,Vårdcentralen Habo,57.9066,14.0856,06,0643,,,,,,,"];
    assert_eq!(stdout(&out), expected.join("\n") + "\n");
    // A header with nothing under it is not a list of no units.
    let empty = dir.file("tom.csv", b"HSA-id,Namn,Lat,Lon\n");
    let out = vardval(&["units", "import", &empty]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("tom.csv:1: -: missing_field: ") && stderr(&out).contains("has a header but no units under it"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn the_template_imports_cleanly() {
    let out = vardval(&["units", "import", "docs/units-template.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = [
        UNIT_CSV_HEADER,
        "SE2321000000-E00001,Vårdcentralen Exempel,57.7826,14.1618,06,0680,Storgatan 1,553 20,036-10 10 10,https://www.exempel.se/vardcentralen,false,false,\"Region Jönköpings län, 2026-11-01\"",
    ];
    assert_eq!(stdout(&out), expected.join("\n") + "\n");
}

/// `units check` on `text`: its standard output's lines, with the file's name.
fn check(name: &str, text: &[u8]) -> (Option<i32>, Vec<String>) {
    let dir = TempDir::new(name);
    let file = dir.file("units.csv", text);
    let out = vardval(&["units", "check", &file]);
    (out.status.code(), stdout(&out).lines().map(|l| l.replacen(&file, "FILE", 1)).collect())
}

const HEADER: &str = "id,name,lat,lon,region,municipality,phone,url\n";

#[test]
fn check_reads_windows_1252_and_says_where_the_first_byte_that_is_not_utf8_is() {
    // Line 1 is 16 bytes with its line break; on line 2, "v1,V" is 4 bytes, so å (E5) is byte 5 of the line, 21 of the file.
    let (code, lines) = check("not-utf8", b"id,name,lat,lon\nv1,V\xe5rdcentralen,57.7826,14.1618\nv2,\xd6stra,57.7826,14.1618\n");
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(lines[0].starts_with("FILE:2: -: not_utf8: the file is not UTF-8 (byte 5 of this line, 21 of the file, is 0xE5): it was read as Windows-1252"), "{}", lines[0]);
    assert_eq!(lines[1], "FILE: 1 problem");
}

#[test]
fn check_a_file_that_cannot_be_opened_says_why() {
    let out = vardval(&["units", "check", "no/such/units.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "no/such/units.csv: -: unreadable_input: cannot read no/such/units.csv: No such file or directory (os error 2)\n");
}

#[test]
fn check_positions_outside_sweden_that_the_box_let_through() {
    let text = format!(
        "{HEADER}\
         cph,Köpenhamn,55.6761,12.5683,,,,\n\
         osl,Oslo,59.9139,10.7522,,,,\n\
         tku,Åbo,60.4518,22.2666,,,,\n\
         sty,Närhälsan Styrsö vårdcentral,57.6167588,11.7921817,14,1480,,\n\
         jkp,Jönköping,57.7826,14.1618,06,0680,,\n"
    );
    let (code, lines) = check("outside", text.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(
        lines,
        [
            "FILE:2: lat: outside_sweden: 55.6761, 12.5683 is not in Sweden: more than 2 km outside every region's border",
            "FILE:3: lat: outside_sweden: 59.9139, 10.7522 is not in Sweden: more than 2 km outside every region's border",
            "FILE:4: lat: outside_sweden: 60.4518, 22.2666 is not in Sweden: more than 2 km outside every region's border",
            "FILE: 3 problems",
        ]
    );
}

#[test]
fn check_a_municipality_in_another_region() {
    let (code, lines) = check("not-in-region", format!("{HEADER}a,Vårdcentralen,57.7826,14.1618,14,0680,,\n").as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(lines[0], "FILE:2: municipality: municipality_not_in_region: 0680 (Jönköping) is in län 06 (Jönköpings län), not in 14 (Västra Götalands län)");
    assert_eq!(lines.len(), 2);
}

#[test]
fn check_a_position_far_from_its_municipality() {
    // Kiruna's code with a position in Göteborg: 1 100 km south.
    let (code, lines) = check("far", format!("{HEADER}a,Vårdcentralen,57.7072,11.9668,25,2584,,\nb,Vårdcentralen Kiruna,67.8557,20.2251,25,2584,,\n").as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(lines[0].starts_with("FILE:2: lat: far_from_municipality: 57.7072, 11.9668 is "), "{}", lines[0]);
    assert!(lines[0].contains(" km from Kiruna (2584), whose units are within "), "{}", lines[0]);
}

#[test]
fn check_text_that_a_spreadsheet_would_run_as_a_formula() {
    let text = format!(
        "{HEADER}\
         a,@SUM(1+1)*cmd|' /C calc'!A0,57.7826,14.1618,06,0680,,\n\
         b,Vårdcentralen,57.7826,14.1618,06,0680,-2+3,\n\
         c,Vårdcentralen,57.7826,14.1618,06,0680,+46 36 10 10 10,\n"
    );
    let (code, lines) = check("formula", text.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(
        lines,
        [
            "FILE:2: name: formula_injection: \"@SUM(1+1)*cmd|' /C c\" starts with =, +, - or @: a spreadsheet runs it as a formula",
            "FILE:3: phone: formula_injection: \"-2+3\" starts with =, +, - or @: a spreadsheet runs it as a formula",
            "FILE: 2 problems",
        ]
    );
}

#[test]
fn check_a_url_that_is_not_a_web_address() {
    let (code, lines) = check("url", format!("{HEADER}a,Vårdcentralen,57.7826,14.1618,06,0680,,javascript:alert(1)\nb,Vårdcentralen,57.7826,14.1618,06,0680,,https://example.se\n").as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(lines, ["FILE:2: url: invalid_url: \"javascript:alert(1)\" is not a web address: it must start with https:// (or http://)", "FILE: 1 problem"]);
}

#[test]
fn check_a_column_named_twice() {
    let (code, lines) = check("duplicate-column", "id,name,lat,lon,LAT\na,Vårdcentralen,57.7826,14.1618,57.7826\n".as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(lines, ["FILE:1: lat: duplicate_column: columns 3 and 5 are both lat", "FILE: 1 problem"]);
}

/// Writes about 50 MB of units (`row(i)` each, the first line `header`), and
/// returns how many rows.
fn write_big(path: &Path, header: &str, row: &dyn Fn(usize) -> String, end: &str) -> usize {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut bytes = 0;
    let mut rows = 0;
    out.write_all(header.as_bytes()).unwrap();
    while bytes < 50_000_000 {
        let line = row(rows);
        bytes += line.len();
        rows += 1;
        out.write_all(line.as_bytes()).unwrap();
    }
    out.write_all(end.as_bytes()).unwrap();
    rows
}

/// `vardval units check FILE` with at most 200 000 KB of virtual memory.
fn check_within_200_mb(file: &str) -> Output {
    Command::new("sh").args(["-c", "ulimit -v 200000 && exec \"$0\" units check \"$1\"", env!("CARGO_BIN_EXE_vardval"), file]).output().unwrap()
}

#[test]
fn check_streams_a_50_mb_csv_within_200_mb_of_memory() {
    let dir = TempDir::new("big-csv");
    let path = dir.0.join("units.csv");
    let row = |i: usize| format!("u{i},Vårdcentralen nummer {i},57.7826,14.1618,06,0680,Storgatan {},55320,036-10 10 10,https://example.se/{i},false,true,Test\n", i % 100);
    // The last row repeats the first's id: the check must still know it.
    let rows = write_big(&path, &format!("{UNIT_CSV_HEADER}\n"), &row, "u0,Dubblett,57.7826,14.1618,06,0680,,,,,,,\n");
    let file = path.to_str().unwrap();
    let out = check_within_200_mb(file);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // The header is line 1, the rows lines 2 to rows + 1, the repeated id line rows + 2.
    assert_eq!(stdout(&out), format!("{file}:{}: id: duplicate_id: \"u0\" is also on line 2\n{file}: 1 problem\n", rows + 2));
}

#[test]
fn check_streams_a_50_mb_json_list_on_one_line_within_200_mb_of_memory() {
    let dir = TempDir::new("big-json");
    let path = dir.0.join("units.json");
    let row = |i: usize| format!("{}{{\"id\":\"u{i}\",\"name\":\"Vårdcentralen nummer {i}\",\"lat\":57.7826,\"lon\":14.1618,\"region\":\"06\",\"municipality\":\"0680\",\"list_closed\":{}}}", if i == 0 { "" } else { "," }, i % 2 == 0);
    let rows = write_big(&path, "{\"units\":[", &row, "]}");
    let file = path.to_str().unwrap();
    let out = check_within_200_mb(file);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Every other unit (0, 2, 4, …) has a closed list.
    assert_eq!(stdout(&out), format!("{file}: {rows} units, 1 region, {} with a closed list: no problems\n", rows.div_ceil(2)));
}
