//! This tests that [`HostDir`] keeps every guest path inside its root —
//! through `..`, absolute and relative links, loops — while reads and
//! writes of the files inside work.
//!
//! Layout: `<scratch>/root` is the mount; `<scratch>/outside` and
//! `<scratch>/x` are what an escape would reach.

use super::*;
use crate::flags::*;
use crate::scratch::Scratch;
use std::os::unix::fs::symlink;

/// A scratch directory with `root/`, `root/a/`, `root/x` ("inside"),
/// `outside/secret` and `x` ("escaped").
fn setup(test: &str) -> (Scratch, HostDir) {
    let s = Scratch::new(test);
    fs::create_dir_all(s.join("root/a")).unwrap();
    fs::create_dir_all(s.join("outside")).unwrap();
    fs::write(s.join("root/x"), b"inside").unwrap();
    fs::write(s.join("x"), b"escaped").unwrap();
    fs::write(s.join("outside/secret"), b"secret").unwrap();
    let dir = HostDir::new(s.join("root")).unwrap();
    (s, dir)
}

fn read(fs: &dyn FileSystem, path: &str) -> Result<Vec<u8>> {
    let mut file = fs.open(path, &OpenOptions::read_only(), 0)?;
    let mut buf = vec![0; 64];
    let n = file.read(&mut buf, None)?;
    buf.truncate(n);
    Ok(buf)
}

#[test]
fn dot_dot_never_leaves_the_root() {
    let (s, dir) = setup("dotdot");
    assert_eq!(read(&dir, "/../../etc/passwd"), Err(Errno::ENOENT));
    assert_eq!(dir.metadata("/../../etc/passwd", true), Err(Errno::ENOENT));
    assert_eq!(read(&dir, "/a/../../x").unwrap(), b"inside");
    assert_eq!(read(&dir, "/../outside/secret"), Err(Errno::ENOENT));
    let mut names = dir.read_dir("/..").unwrap();
    names.sort();
    assert_eq!(names, ["a", "x"]);
    // Entry operations are confined the same way.
    dir.rename("/x", "/../../moved").unwrap();
    assert!(s.join("root/moved").exists() && s.join("x").exists());
    dir.create_dir("/../../made", 0o755, 0).unwrap();
    assert!(s.join("root/made").is_dir() && !s.join("made").exists());
    assert_eq!(dir.remove_file("/../x"), Err(Errno::ENOENT));
    assert_eq!(fs::read(s.join("x")).unwrap(), b"escaped");
    assert_eq!(dir.remove_dir("/"), Err(Errno::EBUSY));
    assert_eq!(dir.remove_dir("/a/.."), Err(Errno::ENOTEMPTY));
}

#[test]
fn links_resolve_inside_the_root() {
    let (s, dir) = setup("links");
    let root = s.join("root");
    symlink("/etc", root.join("etc_link")).unwrap();
    symlink("../../..", root.join("a/up")).unwrap();
    symlink("../../outside/secret", root.join("a/esc")).unwrap();
    symlink("/x", root.join("absx")).unwrap();
    symlink(s.join("outside"), root.join("host_abs")).unwrap();

    // `/etc` means <root>/etc: missing, until it is there.
    assert_eq!(dir.read_dir("/etc_link"), Err(Errno::ENOENT));
    assert_eq!(read(&dir, "/etc_link/passwd"), Err(Errno::ENOENT));
    fs::create_dir(root.join("etc")).unwrap();
    fs::write(root.join("etc/passwd"), b"fake").unwrap();
    assert_eq!(read(&dir, "/etc_link/passwd").unwrap(), b"fake");
    // `../../..` from /a is the root.
    let mut names = dir.read_dir("/a/up").unwrap();
    names.sort();
    assert_eq!(names, ["a", "absx", "etc", "etc_link", "host_abs", "x"]);
    assert_eq!(read(&dir, "/a/up/x").unwrap(), b"inside");
    assert_eq!(read(&dir, "/a/esc"), Err(Errno::ENOENT));
    // An absolute target is from the root, even a host path's.
    assert_eq!(read(&dir, "/absx").unwrap(), b"inside");
    assert_eq!(read(&dir, "/host_abs/secret"), Err(Errno::ENOENT));
    // The link itself is what lstat and readlink see.
    assert!(dir.metadata("/etc_link", false).unwrap().is_symlink());
    assert_eq!(dir.read_link("/etc_link").unwrap(), "/etc");
    // Changes through links stay inside too.
    assert_eq!(dir.set_mode("/a/esc", 0o777), Err(Errno::ENOENT));
    assert_eq!(dir.set_len("/a/esc", 0), Err(Errno::ENOENT));
    assert_eq!(dir.set_times("/a/esc", 0.0, 0.0), Err(Errno::ENOENT));
    assert_eq!(fs::read(s.join("outside/secret")).unwrap(), b"secret");
}

#[test]
fn creating_through_a_dangling_link_creates_inside() {
    let (s, dir) = setup("dangling");
    let root = s.join("root");
    symlink("/../created", root.join("dl")).unwrap();
    symlink("../../outside/new", root.join("a/dl2")).unwrap();
    let create = OpenOptions::from_node_flags(O_WRONLY | O_CREAT, 0o644).unwrap();
    let mut f = dir.open("/dl", &create, 0).unwrap();
    f.write(b"made", None).unwrap();
    drop(f);
    assert_eq!(fs::read(root.join("created")).unwrap(), b"made");
    assert!(!s.join("created").exists());
    // `outside` does not exist under the root: the walk stops there.
    assert_eq!(dir.open("/a/dl2", &create, 0).err(), Some(Errno::ENOENT));
    assert!(!s.join("outside/new").exists());
    let excl = OpenOptions::from_node_flags(O_WRONLY | O_CREAT | O_EXCL, 0o644).unwrap();
    assert_eq!(dir.open("/dl", &excl, 0).err(), Some(Errno::EEXIST));
}

#[test]
fn link_loops_are_eloop() {
    let (s, dir) = setup("loops");
    let root = s.join("root");
    symlink("l2", root.join("l1")).unwrap();
    symlink("/l1", root.join("l2")).unwrap();
    symlink(".", root.join("dot")).unwrap();
    assert_eq!(read(&dir, "/l1"), Err(Errno::ELOOP));
    assert_eq!(dir.metadata("/l2/x", true), Err(Errno::ELOOP));
    assert!(dir.metadata("/l1", false).unwrap().is_symlink());
    // Forty hops through `dot` are fine; forty-one are not.
    assert_eq!(
        read(&dir, &format!("{}/x", "/dot".repeat(40))).unwrap(),
        b"inside"
    );
    assert_eq!(
        read(&dir, &format!("{}/x", "/dot".repeat(41))),
        Err(Errno::ELOOP)
    );
}

#[test]
fn files_inside_read_and_write_with_the_umask() {
    let (s, dir) = setup("readwrite");
    let root = s.join("root");
    let create = OpenOptions::from_node_flags(O_RDWR | O_CREAT | O_TRUNC, 0o666).unwrap();
    let mut f = dir.open("/a/new.txt", &create, 0o077).unwrap();
    assert_eq!(f.write(b"hello host", None), Ok(10));
    let mut buf = [0; 4];
    assert_eq!(f.read(&mut buf, Some(6)), Ok(4));
    assert_eq!(&buf, b"host");
    drop(f);
    assert_eq!(fs::read(root.join("a/new.txt")).unwrap(), b"hello host");
    let meta = dir.metadata("/a/new.txt", true).unwrap();
    assert_eq!((meta.size, meta.permissions()), (10, 0o600));
    dir.create_dir("/a/sub", 0o777, 0o077).unwrap();
    assert_eq!(dir.metadata("/a/sub", true).unwrap().permissions(), 0o700);

    dir.symlink("new.txt", "/a/link").unwrap();
    assert_eq!(
        fs::read_link(root.join("a/link")).unwrap(),
        Path::new("new.txt")
    );
    dir.hard_link("/a/new.txt", "/hard").unwrap();
    assert_eq!(dir.metadata("/a/link", true).unwrap().nlink, 2);
    dir.set_len("/a/link", 5).unwrap();
    assert_eq!(read(&dir, "/hard").unwrap(), b"hello");
    dir.set_mode("/a/link", 0o640).unwrap();
    assert_eq!(dir.metadata("/hard", true).unwrap().permissions(), 0o640);
    dir.set_times("/hard", 86_400_000.0, 172_800_000.25)
        .unwrap();
    let meta = dir.metadata("/a/new.txt", true).unwrap();
    assert_eq!(
        (meta.atime_ms, meta.mtime_ms),
        (86_400_000.0, 172_800_000.25)
    );
    assert_eq!(dir.set_times("/hard", f64::NAN, 0.0), Err(Errno::EINVAL));
    assert_eq!(
        dir.set_times("/hard", 0.0, -f64::INFINITY),
        Err(Errno::EINVAL)
    );
    dir.set_owner("/a/link", meta.uid, meta.gid, false).unwrap();

    let mut names = dir.read_dir("/a").unwrap();
    names.sort();
    assert_eq!(names, ["link", "new.txt", "sub"]);
    assert_eq!(dir.read_dir("/x"), Err(Errno::ENOTDIR));
    assert_eq!(dir.remove_dir("/a"), Err(Errno::ENOTEMPTY));
    assert_eq!(dir.remove_file("/x/"), Err(Errno::ENOTDIR));
    assert_eq!(dir.rename("/x/", "/y"), Err(Errno::ENOTDIR));
    dir.rename("/a/sub", "/sub").unwrap();
    dir.remove_dir("/sub").unwrap();
    dir.remove_file("/a/link").unwrap();
    assert!(
        root.join("a/new.txt").exists(),
        "unlink removed the link only"
    );
    assert_eq!(dir.hard_link("/a", "/a2"), Err(Errno::EPERM));
    let nofollow = OpenOptions::from_node_flags(O_RDONLY | O_NOFOLLOW, 0).unwrap();
    dir.symlink("x", "/lx").unwrap();
    assert_eq!(dir.open("/lx", &nofollow, 0).err(), Some(Errno::ELOOP));
    assert_eq!(dir.metadata("", true), Err(Errno::ENOENT));
    assert_eq!(dir.remove_dir(""), Err(Errno::ENOENT));
}

#[test]
fn a_descriptor_outside_the_root_is_refused() {
    let (s, dir) = setup("confined");
    let outside = fs::File::open(s.join("outside/secret")).unwrap();
    let inside = fs::File::open(s.join("root/x")).unwrap();
    assert!(dir.confined(inside).is_ok());
    assert_eq!(dir.proc_fd, Path::new("/proc/self/fd").is_dir());
    if dir.proc_fd {
        assert_eq!(dir.confined(outside).err(), Some(Errno::EXDEV));
    }
    let file = HostDir::new(s.join("root/x"));
    assert_eq!(
        file.err().map(|e| e.kind()),
        Some(io::ErrorKind::NotADirectory)
    );
    assert!(HostDir::new(s.join("missing")).is_err());
}
