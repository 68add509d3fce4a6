//! This tests that [`MemFs`] answers as Linux would: contents, directory
//! entries, renames, links, limits, and the cost account returning to 0.

use super::*;
use crate::flags::*;
use crate::metadata::{S_IFDIR, S_IFREG};
use std::cell::Cell;

fn opts(flags: i32) -> OpenOptions {
    OpenOptions::from_node_flags(flags, 0o666).unwrap()
}

fn read_all(file: &mut dyn File) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0; 7];
    loop {
        match file.read(&mut buf, None).unwrap() {
            0 => return out,
            n => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// A filesystem whose clock says 1000, 2000, 3000, … ms.
fn ticking() -> MemFs {
    let t = Rc::new(Cell::new(0.0));
    MemFs::builder()
        .clock(move || {
            t.set(t.get() + 1000.0);
            t.get()
        })
        .build()
}

#[test]
fn create_write_read_append_truncate() {
    let fs = MemFs::new();
    let mut f = fs.open("/a", &opts(O_RDWR | O_CREAT), 0o022).unwrap();
    assert_eq!(f.write(b"hello world", None), Ok(11));
    assert_eq!(f.read(&mut [0; 4], None), Ok(0), "the cursor is at the end");
    let mut buf = [0; 5];
    assert_eq!(f.read(&mut buf, Some(6)), Ok(5));
    assert_eq!(&buf, b"world");
    assert_eq!(f.write(b"W", Some(6)), Ok(1));
    assert_eq!(f.write(b"!", None), Ok(1), "pwrite left the cursor at 11");
    drop(f);
    assert_eq!(fs.read_file("/a").unwrap(), b"hello World!");

    let mut f = fs.open("/a", &opts(O_WRONLY | O_APPEND), 0).unwrap();
    assert_eq!(f.write(b"+", Some(0)), Ok(1), "append ignores the offset");
    assert_eq!(f.read(&mut buf, None), Err(Errno::EBADF));
    drop(f);
    assert_eq!(fs.read_file("/a").unwrap(), b"hello World!+");

    let mut f = fs.open("/a", &opts(O_RDONLY), 0).unwrap();
    assert_eq!(read_all(&mut *f), b"hello World!+");
    assert_eq!(f.write(b"x", None), Err(Errno::EBADF));
    assert_eq!(f.set_len(0), Err(Errno::EINVAL));
    drop(f);

    drop(fs.open("/a", &opts(O_WRONLY | O_TRUNC), 0).unwrap());
    assert_eq!(fs.metadata("/a", true).unwrap().size, 0);
    fs.set_len("/a", 3).unwrap();
    assert_eq!(fs.read_file("/a").unwrap(), [0, 0, 0]);

    assert_eq!(
        fs.open("/missing", &opts(O_RDONLY), 0).err(),
        Some(Errno::ENOENT)
    );
    let excl = opts(O_WRONLY | O_CREAT | O_EXCL);
    assert_eq!(fs.open("/a", &excl, 0).err(), Some(Errno::EEXIST));
    assert_eq!(
        fs.open("/a/", &opts(O_RDONLY), 0).err(),
        Some(Errno::ENOTDIR)
    );
    assert_eq!(
        fs.open("/new/", &opts(O_WRONLY | O_CREAT), 0).err(),
        Some(Errno::EISDIR)
    );
    let dir_flag = opts(O_WRONLY | O_DIRECTORY);
    assert_eq!(fs.open("/a", &dir_flag, 0).err(), Some(Errno::ENOTDIR));
    assert_eq!(fs.open("/", &dir_flag, 0).err(), Some(Errno::EISDIR));
    assert_eq!(
        fs.open("/", &opts(O_RDONLY | O_CREAT), 0).err(),
        Some(Errno::EISDIR)
    );
    let dir_create = opts(O_RDONLY | O_DIRECTORY | O_CREAT);
    assert_eq!(fs.open("/d", &dir_create, 0).err(), Some(Errno::EINVAL));
}

#[test]
fn directories_list_and_remove() {
    let fs = MemFs::new();
    fs.create_dir("/d", 0o777, 0o022).unwrap();
    fs.write_file("/d/b", b"").unwrap();
    fs.create_dir("/d/a", 0o755, 0).unwrap();
    assert_eq!(fs.read_dir("/d").unwrap(), ["a", "b"]);
    assert_eq!(fs.read_dir("/d/b"), Err(Errno::ENOTDIR));
    assert_eq!(fs.create_dir("/d", 0o755, 0), Err(Errno::EEXIST));
    assert_eq!(fs.create_dir("/x/y", 0o755, 0), Err(Errno::ENOENT));
    assert_eq!(fs.create_dir("/d/b/c", 0o755, 0), Err(Errno::ENOTDIR));
    assert_eq!(fs.remove_dir("/d"), Err(Errno::ENOTEMPTY));
    assert_eq!(fs.remove_dir("/d/b"), Err(Errno::ENOTDIR));
    assert_eq!(fs.remove_file("/d/a"), Err(Errno::EISDIR));
    assert_eq!(fs.remove_file("/d/b/"), Err(Errno::ENOTDIR));
    assert_eq!(fs.remove_dir("/"), Err(Errno::EBUSY));
    assert_eq!(fs.remove_dir("/d/."), Err(Errno::EINVAL));
    assert_eq!(fs.remove_dir("/d/a/.."), Err(Errno::ENOTEMPTY));
    fs.remove_file("/d/b").unwrap();
    assert_eq!(fs.remove_file("/d/b"), Err(Errno::ENOENT));
    fs.remove_dir("/d/a/").unwrap();
    fs.remove_dir("/d").unwrap();
    assert!(fs.read_dir("/").unwrap().is_empty());
    let dir = fs.open("/", &OpenOptions::read_only(), 0).unwrap();
    assert!(dir.metadata().unwrap().is_dir());
    let write = opts(O_WRONLY);
    assert_eq!(fs.open("/", &write, 0).err(), Some(Errno::EISDIR));
    assert_eq!(fs.used(), 0, "an emptied tree costs nothing");
}

#[test]
fn modes_follow_the_umask() {
    let fs = MemFs::new();
    drop(fs.open("/f", &opts(O_WRONLY | O_CREAT), 0o022).unwrap());
    fs.create_dir("/d", 0o777, 0o027).unwrap();
    let excl = OpenOptions {
        mode: 0o600,
        ..opts(O_WRONLY | O_CREAT | O_EXCL)
    };
    drop(fs.open("/g", &excl, 0).unwrap());
    let mode = |p| fs.metadata(p, true).unwrap().mode;
    assert_eq!(mode("/f"), S_IFREG | 0o644);
    assert_eq!(mode("/d"), S_IFDIR | 0o750);
    assert_eq!(mode("/g"), S_IFREG | 0o600);
    fs.set_mode("/f", 0o104_755).unwrap();
    assert_eq!(mode("/f"), S_IFREG | 0o4755);
    let owner = fs.metadata("/f", true).unwrap();
    assert_eq!((owner.uid, owner.gid), (1000, 1000));
    assert_eq!(fs.set_owner("/f", 0, 0, true), Err(Errno::EPERM));
    assert_eq!(fs.set_owner("/f", 1000, u32::MAX, true), Ok(()));
    let root_owned = MemFs::builder().owner(0, 0).build();
    assert_eq!(root_owned.metadata("/", true).unwrap().uid, 0);
}

#[test]
fn renames() {
    let fs = MemFs::new();
    fs.create_dir_all("/a/b").unwrap();
    fs.create_dir("/e", 0o755, 0).unwrap();
    fs.write_file("/f", b"f").unwrap();
    fs.write_file("/g", b"g").unwrap();

    fs.rename("/f", "/g").unwrap();
    assert_eq!(fs.read_file("/g").unwrap(), b"f");
    assert_eq!(fs.metadata("/f", false), Err(Errno::ENOENT));
    assert_eq!(fs.rename("/g", "/a"), Err(Errno::EISDIR));
    assert_eq!(fs.rename("/a", "/g"), Err(Errno::ENOTDIR));
    assert_eq!(fs.rename("/e", "/a"), Err(Errno::ENOTEMPTY));
    assert_eq!(fs.rename("/a", "/a/b/c"), Err(Errno::EINVAL));
    assert_eq!(fs.rename("/a", "/a/c"), Err(Errno::EINVAL));
    assert_eq!(fs.rename("/nope", "/x"), Err(Errno::ENOENT));
    assert_eq!(fs.rename("/g/", "/x"), Err(Errno::ENOTDIR));
    assert_eq!(fs.rename("/", "/x"), Err(Errno::EBUSY));
    assert_eq!(fs.rename("/a/..", "/x"), Err(Errno::EBUSY));
    fs.rename("/g", "/g").unwrap();

    // A directory onto an empty one, across parents: link counts move.
    fs.rename("/a/b", "/e").unwrap();
    assert_eq!(fs.metadata("/a", true).unwrap().nlink, 2);
    assert_eq!(fs.metadata("/", true).unwrap().nlink, 4, "/, /a, /e");
    fs.rename("/e", "/a/e2").unwrap();
    assert_eq!(fs.read_dir("/a").unwrap(), ["e2"]);
    assert_eq!(fs.metadata("/a", true).unwrap().nlink, 3);
    assert_eq!(fs.metadata("/a/e2", true).unwrap().nlink, 2);

    // Hard links to one file: renaming one onto the other does nothing.
    fs.hard_link("/g", "/h").unwrap();
    fs.rename("/g", "/h").unwrap();
    assert_eq!(fs.metadata("/g", true).unwrap().nlink, 2);
}

#[test]
fn symlinks_stat_lstat_and_readlink() {
    let fs = MemFs::new();
    fs.create_dir_all("/a/b").unwrap();
    fs.write_file("/a/b/f", b"data").unwrap();
    fs.symlink("b/f", "/a/rel").unwrap();
    fs.symlink("/a/b", "/abs").unwrap();
    fs.symlink("nowhere", "/dangling").unwrap();
    assert_eq!(fs.read_link("/a/rel").unwrap(), "b/f");
    assert_eq!(fs.read_link("/a"), Err(Errno::EINVAL));
    assert_eq!(fs.read_file("/a/rel").unwrap(), b"data");
    assert_eq!(fs.read_file("/abs/f").unwrap(), b"data");
    let lstat = fs.metadata("/a/rel", false).unwrap();
    assert!(lstat.is_symlink());
    assert_eq!(lstat.size, 3);
    assert!(fs.metadata("/a/rel", true).unwrap().is_file());
    assert!(
        fs.metadata("/abs/", false).unwrap().is_dir(),
        "a trailing / follows"
    );
    assert_eq!(fs.metadata("/dangling", true), Err(Errno::ENOENT));
    // `..` applies to where the link led: /abs/.. is /a.
    assert_eq!(fs.read_dir("/abs/..").unwrap(), ["b", "rel"]);
    // Creating through a dangling link creates its target…
    drop(fs.open("/dangling", &opts(O_WRONLY | O_CREAT), 0).unwrap());
    assert!(fs.metadata("/nowhere", false).unwrap().is_file());
    // …but not with O_EXCL, and O_NOFOLLOW refuses links.
    let excl = opts(O_WRONLY | O_CREAT | O_EXCL);
    assert_eq!(fs.open("/abs", &excl, 0).err(), Some(Errno::EEXIST));
    let nofollow = opts(O_RDONLY | O_NOFOLLOW);
    assert_eq!(fs.open("/a/rel", &nofollow, 0).err(), Some(Errno::ELOOP));
    assert_eq!(fs.symlink("x", "/abs"), Err(Errno::EEXIST));
    assert_eq!(fs.symlink("", "/empty"), Err(Errno::ENOENT));
    // Removing a link leaves its target.
    fs.remove_file("/abs").unwrap();
    assert!(fs.metadata("/a/b", true).unwrap().is_dir());
}

#[test]
fn symlink_loops_are_eloop() {
    let fs = MemFs::new();
    fs.symlink("/l2", "/l1").unwrap();
    fs.symlink("/l1", "/l2").unwrap();
    fs.symlink("self/x", "/self").unwrap();
    assert_eq!(fs.metadata("/l1", true), Err(Errno::ELOOP));
    assert_eq!(fs.read_file("/self"), Err(Errno::ELOOP));
    assert!(fs.metadata("/l1", false).unwrap().is_symlink());
    // A chain of 40 links resolves; 41 is one too many.
    fs.write_file("/t0", b"end").unwrap();
    for i in 1..=41 {
        fs.symlink(&format!("t{}", i - 1), &format!("/t{i}"))
            .unwrap();
    }
    assert_eq!(fs.read_file("/t40").unwrap(), b"end");
    assert_eq!(fs.read_file("/t41"), Err(Errno::ELOOP));
}

#[test]
fn hard_links_share_an_inode_and_count() {
    let fs = MemFs::new();
    fs.write_file("/a", b"one").unwrap();
    fs.hard_link("/a", "/b").unwrap();
    let (a, b) = (
        fs.metadata("/a", true).unwrap(),
        fs.metadata("/b", true).unwrap(),
    );
    assert_eq!((a.ino, a.nlink), (b.ino, 2));
    fs.write_file("/b", b"two").unwrap();
    assert_eq!(fs.read_file("/a").unwrap(), b"two");
    fs.create_dir("/d", 0o755, 0).unwrap();
    assert_eq!(fs.hard_link("/d", "/d2"), Err(Errno::EPERM));
    assert_eq!(fs.hard_link("/a", "/b"), Err(Errno::EEXIST));
    assert_eq!(fs.hard_link("/zz", "/c"), Err(Errno::ENOENT));
    // An unlinked but open file keeps its bytes until closed.
    let mut open = fs.open("/a", &opts(O_RDONLY), 0).unwrap();
    fs.remove_file("/a").unwrap();
    fs.remove_file("/b").unwrap();
    assert_eq!(open.metadata().unwrap().nlink, 0);
    assert_eq!(read_all(&mut *open), b"two");
    assert!(fs.used() > 0);
    drop(open);
    fs.remove_dir("/d").unwrap();
    assert_eq!(fs.used(), 0);
}

#[test]
fn capacity_is_enospc_and_freed_space_is_reusable() {
    let fs = MemFs::builder().capacity(4096).build();
    let mut f = fs.open("/f", &opts(O_WRONLY | O_CREAT), 0).unwrap();
    assert_eq!(f.write(&[1; 8192], None), Err(Errno::ENOSPC));
    assert_eq!(f.write(&[1; 2048], None), Ok(2048));
    assert_eq!(f.write(&[1; 2048], None), Err(Errno::ENOSPC));
    assert!(fs.used() <= 4096);
    f.set_len(0).unwrap();
    assert_eq!(f.write(&[1; 2048], Some(0)), Ok(2048));
    // Names, inodes and link targets cost too: no endless empty files.
    let mut made = 0;
    while fs.write_file(&format!("/e{made}"), b"").is_ok() {
        made += 1;
    }
    assert!(made < 20);
    assert_eq!(fs.symlink(&"t".repeat(3000), "/l"), Err(Errno::ENOSPC));
    assert_eq!(fs.create_dir("/dir", 0o755, 0), Err(Errno::ENOSPC));
}

#[test]
fn huge_offsets_are_efbig_not_allocations() {
    let fs = MemFs::new();
    let mut f = fs.open("/f", &opts(O_RDWR | O_CREAT), 0).unwrap();
    assert_eq!(f.write(b"x", Some(1 << 40)), Err(Errno::EFBIG));
    assert_eq!(f.write(b"x", Some(u64::MAX)), Err(Errno::EFBIG));
    assert_eq!(
        f.write(b"xyz", Some((1 << 40) - 1)),
        Ok(1),
        "short write up to the limit"
    );
    assert_eq!(f.metadata().unwrap().size, 1 << 40);
    assert!(fs.used() < 1 << 20, "the hole costs nothing");
    assert_eq!(f.set_len((1 << 40) + 1), Err(Errno::EFBIG));
    assert_eq!(fs.set_len("/f", u64::MAX), Err(Errno::EFBIG));
    let mut buf = [9; 2];
    assert_eq!(f.read(&mut buf, Some(1 << 39)), Ok(2));
    assert_eq!(buf, [0, 0]);
    f.set_len(0).unwrap();
    assert_eq!(f.read(&mut buf, Some(u64::MAX)), Ok(0));
}

#[test]
fn the_empty_path_is_enoent_everywhere() {
    let fs = MemFs::new();
    fs.write_file("/f", b"").unwrap();
    let e = Err(Errno::ENOENT);
    assert_eq!(
        fs.open("", &opts(O_RDWR | O_CREAT), 0).err(),
        Some(Errno::ENOENT)
    );
    assert_eq!(fs.metadata("", true).map(drop), e);
    assert_eq!(fs.read_dir("").map(drop), e);
    assert_eq!(fs.create_dir("", 0o755, 0), e);
    assert_eq!(fs.remove_file(""), e);
    assert_eq!(fs.remove_dir(""), e);
    assert_eq!(fs.rename("", "/x"), e);
    assert_eq!(fs.rename("/f", ""), e);
    assert_eq!(fs.hard_link("", "/x"), e);
    assert_eq!(fs.hard_link("/f", ""), e);
    assert_eq!(fs.symlink("/f", ""), e);
    assert_eq!(fs.read_link("").map(drop), e);
    assert_eq!(fs.set_mode("", 0o644), e);
    assert_eq!(fs.set_owner("", 1000, 1000, true), e);
    assert_eq!(fs.set_len("", 0), e);
    assert_eq!(fs.set_times("", 0.0, 0.0), e);
    assert_eq!(fs.metadata("relative", true).map(drop), Err(Errno::EINVAL));
}

#[test]
fn times_come_from_the_clock_and_bad_times_are_einval() {
    let fs = ticking();
    fs.write_file("/f", b"x").unwrap();
    // Built at 1000, created at 2000, written at 3000 (no atime on writes).
    let m = fs.metadata("/f", true).unwrap();
    assert_eq!(
        (m.atime_ms, m.mtime_ms, m.ctime_ms),
        (2000.0, 3000.0, 3000.0)
    );
    fs.set_times("/f", -5.5, 1e300).unwrap();
    let m = fs.metadata("/f", true).unwrap();
    assert_eq!((m.atime_ms, m.mtime_ms), (-5.5, 1e300));
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(fs.set_times("/f", bad, 0.0), Err(Errno::EINVAL));
        assert_eq!(fs.set_times("/f", 0.0, bad), Err(Errno::EINVAL));
    }
    let mut f = fs.open("/f", &opts(O_WRONLY), 0).unwrap();
    assert_eq!(f.set_times(f64::NAN, 0.0), Err(Errno::EINVAL));
    let before = f.metadata().unwrap().ctime_ms;
    f.write(b"y", None).unwrap();
    let after = f.metadata().unwrap();
    assert!(after.mtime_ms > before && after.ctime_ms == after.mtime_ms);
}

#[test]
fn dot_dot_at_the_root_stays_there() {
    let fs = MemFs::new();
    fs.create_dir_all("/a/b").unwrap();
    fs.write_file("/top", b"t").unwrap();
    assert_eq!(fs.read_file("/../../top").unwrap(), b"t");
    assert_eq!(fs.read_file("/a/b/../../../top").unwrap(), b"t");
    assert_eq!(fs.read_dir("/..").unwrap(), ["a", "top"]);
    assert_eq!(fs.metadata("/..", true).unwrap().ino, tree::ROOT);
    assert_eq!(fs.read_file("/a/./b/.././../top").unwrap(), b"t");
    assert_eq!(fs.create_dir("/a/..", 0o755, 0), Err(Errno::EEXIST));
    fs.create_dir_all("/a/b/../c").unwrap();
    assert_eq!(fs.read_dir("/a").unwrap(), ["b", "c"]);
}

#[test]
fn clones_share_the_tree() {
    let fs = MemFs::new();
    let host_side = fs.clone();
    fs.write_file("/shared", b"1").unwrap();
    assert_eq!(host_side.read_file("/shared").unwrap(), b"1");
    let other = MemFs::new();
    assert_ne!(
        other.metadata("/", true).unwrap().dev,
        fs.metadata("/", true).unwrap().dev
    );
}
