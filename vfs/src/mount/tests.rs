//! This tests that [`MountFs`] routes paths to the longest mount, shows
//! synthetic directories above mounts, and refuses writes to read-only
//! mounts (`EROFS`) and links across mounts (`EXDEV`).

use super::*;
use crate::MemFs;
use crate::flags::*;

/// `/` (rw), `/data` (ro) and `/data/cache` (rw), each a `MemFs` with one
/// file naming the mount.
fn namespace() -> (MountFs, MemFs, MemFs, MemFs) {
    let (root, data, cache) = (MemFs::new(), MemFs::new(), MemFs::new());
    root.write_file("/which", b"root").unwrap();
    root.create_dir_all("/etc").unwrap();
    data.write_file("/which", b"data").unwrap();
    data.create_dir_all("/sub").unwrap();
    data.symlink("/which", "/abs").unwrap();
    cache.write_file("/which", b"cache").unwrap();
    let mut ns = MountFs::new();
    ns.mount("/", root.clone(), false)
        .unwrap()
        .mount("/data", data.clone(), true)
        .unwrap()
        .mount("/data/cache", cache.clone(), false)
        .unwrap();
    (ns, root, data, cache)
}

fn read(fs: &dyn FileSystem, path: &str) -> Result<Vec<u8>> {
    let mut file = fs.open(path, &OpenOptions::read_only(), 0)?;
    let mut buf = vec![0; 64];
    let n = file.read(&mut buf, None)?;
    buf.truncate(n);
    Ok(buf)
}

#[test]
fn the_longest_mount_serves_a_path() {
    let (ns, root, ..) = namespace();
    assert_eq!(read(&ns, "/which").unwrap(), b"root");
    assert_eq!(read(&ns, "/data/which").unwrap(), b"data");
    assert_eq!(read(&ns, "/data/cache/which").unwrap(), b"cache");
    // Component-wise: /database is the root mount's.
    root.write_file("/database", b"db").unwrap();
    assert_eq!(read(&ns, "/database").unwrap(), b"db");
    // `..` leaves a mount point exactly; inside a mount it stays there.
    assert_eq!(read(&ns, "/data/cache/../which").unwrap(), b"data");
    assert_eq!(read(&ns, "/data/../which").unwrap(), b"root");
    assert_eq!(read(&ns, "/data/sub/../../../which").unwrap(), b"data");
    // A link's absolute target starts at its mount's root.
    assert_eq!(read(&ns, "/data/abs").unwrap(), b"data");
    // Mount points are listed in their parent, once.
    let mut names = ns.read_dir("/").unwrap();
    names.sort();
    assert_eq!(names, ["data", "database", "etc", "which"]);
    assert_eq!(
        ns.read_dir("/data").unwrap(),
        ["abs", "sub", "which", "cache"]
    );
    assert_eq!(ns.metadata("", true), Err(Errno::ENOENT));
}

#[test]
fn directories_above_mounts_are_synthetic_and_read_only() {
    let mut ns = MountFs::new();
    let www = MemFs::new();
    www.write_file("/index.html", b"hi").unwrap();
    ns.mount("/srv/www", www, false).unwrap();
    ns.mount("/srv/data", MemFs::new(), false).unwrap();
    assert_eq!(ns.read_dir("/").unwrap(), ["srv"]);
    assert_eq!(ns.read_dir("/srv/").unwrap(), ["www", "data"]);
    let srv = ns.metadata("/srv", true).unwrap();
    assert!(srv.is_dir());
    assert_eq!((srv.permissions(), srv.nlink, srv.uid), (0o555, 4, 0));
    assert_ne!(srv.ino, ns.metadata("/", true).unwrap().ino);
    assert_eq!(read(&ns, "/srv/www/index.html").unwrap(), b"hi");
    assert_eq!(read(&ns, "/srv/../srv/www/./index.html").unwrap(), b"hi");
    // Opening `/` for reading works (Go stats it, then lists it).
    let dir = ns.open("/", &OpenOptions::read_only(), 0).unwrap();
    assert!(dir.metadata().unwrap().is_dir());
    // Nothing else is there, and nothing can be made there.
    assert_eq!(ns.metadata("/etc/passwd", true), Err(Errno::ENOENT));
    assert_eq!(ns.metadata("/etc", true), Err(Errno::ENOENT));
    let create = OpenOptions::from_node_flags(O_WRONLY | O_CREAT, 0o644).unwrap();
    assert_eq!(ns.open("/new", &create, 0).err(), Some(Errno::EROFS));
    assert_eq!(ns.open("/srv", &create, 0).err(), Some(Errno::EISDIR));
    assert_eq!(ns.create_dir("/new", 0o755, 0), Err(Errno::EROFS));
    assert_eq!(ns.create_dir("/srv", 0o755, 0), Err(Errno::EEXIST));
    assert_eq!(ns.remove_dir("/srv"), Err(Errno::EBUSY));
    assert_eq!(ns.remove_dir("/srv/www"), Err(Errno::EBUSY));
    assert_eq!(ns.rename("/srv/www", "/srv/w"), Err(Errno::EBUSY));
    assert_eq!(ns.set_mode("/srv", 0o777), Err(Errno::EROFS));
    assert_eq!(ns.symlink("/srv", "/l"), Err(Errno::EROFS));
    assert_eq!(ns.read_link("/srv"), Err(Errno::EINVAL));
    assert!(MountFs::new().read_dir("/").unwrap().is_empty());
}

#[test]
fn a_root_mount_lists_nested_mount_points() {
    let root = MemFs::new();
    root.write_file("/README", b"").unwrap();
    let mut ns = MountFs::new();
    ns.mount("/", root.clone(), false).unwrap();
    ns.mount("/srv/www", MemFs::new(), true).unwrap();
    assert_eq!(ns.read_dir("/").unwrap(), ["README", "srv"]);
    // The root filesystem has no /srv: it is synthetic…
    assert_eq!(ns.read_dir("/srv").unwrap(), ["www"]);
    assert_eq!(ns.metadata("/srv", true).unwrap().permissions(), 0o555);
    // …until it has one, whose own entries then show beside the mount.
    root.create_dir_all("/srv/old").unwrap();
    assert_eq!(ns.read_dir("/srv").unwrap(), ["old", "www"]);
    assert_eq!(ns.metadata("/srv", true).unwrap().permissions(), 0o755);
    assert_eq!(ns.remove_dir("/srv"), Err(Errno::EBUSY));
}

#[test]
fn read_only_mounts_refuse_every_write() {
    let (ns, _, data, _) = namespace();
    let rofs = Err(Errno::EROFS);
    for flags in [
        O_WRONLY,
        O_RDWR,
        O_RDONLY | O_TRUNC | O_WRONLY,
        O_WRONLY | O_APPEND,
    ] {
        let o = OpenOptions::from_node_flags(flags, 0o644).unwrap();
        assert_eq!(ns.open("/data/which", &o, 0).map(drop), rofs, "{flags:o}");
    }
    let create = OpenOptions::from_node_flags(O_WRONLY | O_CREAT, 0o644).unwrap();
    assert_eq!(ns.open("/data/new", &create, 0).map(drop), rofs);
    assert_eq!(ns.create_dir("/data/d", 0o755, 0), rofs);
    assert_eq!(ns.remove_file("/data/which"), rofs);
    assert_eq!(ns.remove_dir("/data/sub"), rofs);
    assert_eq!(ns.rename("/data/which", "/data/w2"), rofs);
    assert_eq!(ns.hard_link("/data/which", "/data/w2"), rofs);
    assert_eq!(ns.symlink("which", "/data/l"), rofs);
    assert_eq!(ns.set_mode("/data/which", 0o600), rofs);
    assert_eq!(ns.set_owner("/data/which", 1000, 1000, true), rofs);
    assert_eq!(ns.set_owner("/data/abs", 1000, 1000, false), rofs);
    assert_eq!(ns.set_len("/data/which", 0), rofs);
    assert_eq!(ns.set_times("/data/which", 0.0, 0.0), rofs);
    // Through an open file: status changes are EROFS, writes EBADF.
    let mut f = ns
        .open("/data/which", &OpenOptions::read_only(), 0)
        .unwrap();
    assert_eq!(f.write(b"x", None), Err(Errno::EBADF));
    assert_eq!(f.set_len(0), rofs);
    assert_eq!(f.set_mode(0o777), rofs);
    assert_eq!(f.set_owner(0, 0), rofs);
    assert_eq!(f.set_times(0.0, 0.0), rofs);
    // Lookups come first, as on Linux.
    assert_eq!(ns.set_mode("/data/missing", 0o600), Err(Errno::ENOENT));
    assert_eq!(ns.create_dir("/data/sub", 0o755, 0), Err(Errno::EEXIST));
    // Nothing changed, and reads still work.
    assert_eq!(data.read_file("/which").unwrap(), b"data");
    assert_eq!(ns.metadata("/data/which", true).unwrap().size, 4);
    // The writable mount nested inside takes writes.
    ns.create_dir("/data/cache/d", 0o755, 0).unwrap();
    ns.rename("/data/cache/d", "/data/cache/e").unwrap();
}

#[test]
fn rename_and_link_across_mounts_are_exdev() {
    let (ns, root, _, cache) = namespace();
    assert_eq!(ns.rename("/which", "/data/cache/which"), Err(Errno::EXDEV));
    assert_eq!(ns.rename("/data/cache/which", "/moved"), Err(Errno::EXDEV));
    assert_eq!(ns.hard_link("/which", "/data/cache/l"), Err(Errno::EXDEV));
    // Cross-device is answered before read-only, as Linux does.
    assert_eq!(ns.rename("/data/which", "/x"), Err(Errno::EXDEV));
    ns.rename("/which", "/etc/which").unwrap();
    assert_eq!(root.read_file("/etc/which").unwrap(), b"root");
    ns.hard_link("/data/cache/which", "/data/cache/again")
        .unwrap();
    assert_eq!(cache.metadata("/which", true).unwrap().nlink, 2);
    assert_eq!(ns.rename("/missing", "/x"), Err(Errno::ENOENT));
}

#[test]
fn a_mount_point_is_its_filesystems_root() {
    let (ns, ..) = namespace();
    let data_root = ns.metadata("/data", true).unwrap();
    let via_dots = ns.metadata("/data/cache/..", true).unwrap();
    assert_eq!(data_root, via_dots);
    assert_eq!(ns.metadata("/data/cache", true).unwrap().ino, 1);
    assert_ne!(ns.metadata("/data/cache", true).unwrap().dev, data_root.dev);
    assert_eq!(ns.remove_dir("/data/cache"), Err(Errno::EBUSY));
    assert_eq!(ns.remove_file("/data/cache"), Err(Errno::EISDIR));
    assert_eq!(ns.rename("/etc", "/data/cache"), Err(Errno::EBUSY));
    assert_eq!(ns.remove_dir("/"), Err(Errno::EBUSY));
    assert_eq!(ns.remove_dir("/data/cache/."), Err(Errno::EINVAL));
}
