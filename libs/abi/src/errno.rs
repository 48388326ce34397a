//! Linux error numbers (`errno`), as in `include/uapi/asm-generic/errno-base.h`
//! and `errno.h` (x86_64 uses the generic values).
//!
//! # Design
//!
//! Values are plain `i32` constants (C `int`), positive, as user space sees
//! them in `errno`. A raw system call returns `-errno` in `rax`; user space
//! recognises an error because the unsigned return value lies in the top
//! [`MAX_ERRNO`] values of the address space ([`is_error_return`]), so no
//! valid pointer or length can be mistaken for an error. The kernel keeps its
//! own typed wrapper; this module is the shared table of numbers and names.
//!
//! Linux leaves 41 and 58 unused; [`EWOULDBLOCK`] and [`EDEADLOCK`] are
//! aliases ([`name`] gives the primary name).

/// Largest errno value a system call may return (`include/linux/err.h`).
pub const MAX_ERRNO: i32 = 4095;

/// True if the raw system call return value `ret` encodes an error, i.e.
/// `ret` is in `-4095 ..= -1` read as a signed number (`ret > -4096 as usize`).
pub const fn is_error_return(ret: usize) -> bool {
    ret > (-(MAX_ERRNO as isize) - 1) as usize
}

/// The errno encoded in the raw return value `ret`, or `None` if `ret` is a
/// success value (see [`is_error_return`]).
pub const fn from_return(ret: usize) -> Option<i32> {
    if is_error_return(ret) {
        Some((ret as isize).wrapping_neg() as i32)
    } else {
        None
    }
}

/// The raw return value (`-e` as `usize`) that reports errno `e`.
pub const fn to_return(e: i32) -> usize {
    (e as isize).wrapping_neg() as usize
}

/// Symbolic name of errno `e` (e.g. `name(2) == Some("ENOENT")`), or `None`
/// if Linux defines no such errno. Aliases map to the primary name.
pub fn name(e: i32) -> Option<&'static str> {
    entry(e).map(|&(_, n, _)| n)
}

/// Linux's one-line description of errno `e` (the comment in the uapi
/// header, e.g. `"No such file or directory"`), or `None`.
pub fn description(e: i32) -> Option<&'static str> {
    entry(e).map(|&(_, _, d)| d)
}

fn entry(e: i32) -> Option<&'static (i32, &'static str, &'static str)> {
    ERRNO_TABLE
        .binary_search_by_key(&e, |&(v, _, _)| v)
        .ok()
        .and_then(|i| ERRNO_TABLE.get(i))
}

/// Operation not permitted.
pub const EPERM: i32 = 1;
/// No such file or directory.
pub const ENOENT: i32 = 2;
/// No such process.
pub const ESRCH: i32 = 3;
/// Interrupted system call.
pub const EINTR: i32 = 4;
/// I/O error.
pub const EIO: i32 = 5;
/// No such device or address.
pub const ENXIO: i32 = 6;
/// Argument list too long.
pub const E2BIG: i32 = 7;
/// Exec format error.
pub const ENOEXEC: i32 = 8;
/// Bad file number.
pub const EBADF: i32 = 9;
/// No child processes.
pub const ECHILD: i32 = 10;
/// Try again.
pub const EAGAIN: i32 = 11;
/// Out of memory.
pub const ENOMEM: i32 = 12;
/// Permission denied.
pub const EACCES: i32 = 13;
/// Bad address.
pub const EFAULT: i32 = 14;
/// Block device required.
pub const ENOTBLK: i32 = 15;
/// Device or resource busy.
pub const EBUSY: i32 = 16;
/// File exists.
pub const EEXIST: i32 = 17;
/// Cross-device link.
pub const EXDEV: i32 = 18;
/// No such device.
pub const ENODEV: i32 = 19;
/// Not a directory.
pub const ENOTDIR: i32 = 20;
/// Is a directory.
pub const EISDIR: i32 = 21;
/// Invalid argument.
pub const EINVAL: i32 = 22;
/// File table overflow.
pub const ENFILE: i32 = 23;
/// Too many open files.
pub const EMFILE: i32 = 24;
/// Not a typewriter.
pub const ENOTTY: i32 = 25;
/// Text file busy.
pub const ETXTBSY: i32 = 26;
/// File too large.
pub const EFBIG: i32 = 27;
/// No space left on device.
pub const ENOSPC: i32 = 28;
/// Illegal seek.
pub const ESPIPE: i32 = 29;
/// Read-only file system.
pub const EROFS: i32 = 30;
/// Too many links.
pub const EMLINK: i32 = 31;
/// Broken pipe.
pub const EPIPE: i32 = 32;
/// Math argument out of domain of func.
pub const EDOM: i32 = 33;
/// Math result not representable.
pub const ERANGE: i32 = 34;
/// Resource deadlock would occur.
pub const EDEADLK: i32 = 35;
/// File name too long.
pub const ENAMETOOLONG: i32 = 36;
/// No record locks available.
pub const ENOLCK: i32 = 37;
/// Invalid system call number.
pub const ENOSYS: i32 = 38;
/// Directory not empty.
pub const ENOTEMPTY: i32 = 39;
/// Too many symbolic links encountered.
pub const ELOOP: i32 = 40;
/// No message of desired type.
pub const ENOMSG: i32 = 42;
/// Identifier removed.
pub const EIDRM: i32 = 43;
/// Channel number out of range.
pub const ECHRNG: i32 = 44;
/// Level 2 not synchronized.
pub const EL2NSYNC: i32 = 45;
/// Level 3 halted.
pub const EL3HLT: i32 = 46;
/// Level 3 reset.
pub const EL3RST: i32 = 47;
/// Link number out of range.
pub const ELNRNG: i32 = 48;
/// Protocol driver not attached.
pub const EUNATCH: i32 = 49;
/// No CSI structure available.
pub const ENOCSI: i32 = 50;
/// Level 2 halted.
pub const EL2HLT: i32 = 51;
/// Invalid exchange.
pub const EBADE: i32 = 52;
/// Invalid request descriptor.
pub const EBADR: i32 = 53;
/// Exchange full.
pub const EXFULL: i32 = 54;
/// No anode.
pub const ENOANO: i32 = 55;
/// Invalid request code.
pub const EBADRQC: i32 = 56;
/// Invalid slot.
pub const EBADSLT: i32 = 57;
/// Bad font file format.
pub const EBFONT: i32 = 59;
/// Device not a stream.
pub const ENOSTR: i32 = 60;
/// No data available.
pub const ENODATA: i32 = 61;
/// Timer expired.
pub const ETIME: i32 = 62;
/// Out of streams resources.
pub const ENOSR: i32 = 63;
/// Machine is not on the network.
pub const ENONET: i32 = 64;
/// Package not installed.
pub const ENOPKG: i32 = 65;
/// Object is remote.
pub const EREMOTE: i32 = 66;
/// Link has been severed.
pub const ENOLINK: i32 = 67;
/// Advertise error.
pub const EADV: i32 = 68;
/// Srmount error.
pub const ESRMNT: i32 = 69;
/// Communication error on send.
pub const ECOMM: i32 = 70;
/// Protocol error.
pub const EPROTO: i32 = 71;
/// Multihop attempted.
pub const EMULTIHOP: i32 = 72;
/// RFS specific error.
pub const EDOTDOT: i32 = 73;
/// Not a data message.
pub const EBADMSG: i32 = 74;
/// Value too large for defined data type.
pub const EOVERFLOW: i32 = 75;
/// Name not unique on network.
pub const ENOTUNIQ: i32 = 76;
/// File descriptor in bad state.
pub const EBADFD: i32 = 77;
/// Remote address changed.
pub const EREMCHG: i32 = 78;
/// Can not access a needed shared library.
pub const ELIBACC: i32 = 79;
/// Accessing a corrupted shared library.
pub const ELIBBAD: i32 = 80;
/// .lib section in a.out corrupted.
pub const ELIBSCN: i32 = 81;
/// Attempting to link in too many shared libraries.
pub const ELIBMAX: i32 = 82;
/// Cannot exec a shared library directly.
pub const ELIBEXEC: i32 = 83;
/// Illegal byte sequence.
pub const EILSEQ: i32 = 84;
/// Interrupted system call should be restarted.
pub const ERESTART: i32 = 85;
/// Streams pipe error.
pub const ESTRPIPE: i32 = 86;
/// Too many users.
pub const EUSERS: i32 = 87;
/// Socket operation on non-socket.
pub const ENOTSOCK: i32 = 88;
/// Destination address required.
pub const EDESTADDRREQ: i32 = 89;
/// Message too long.
pub const EMSGSIZE: i32 = 90;
/// Protocol wrong type for socket.
pub const EPROTOTYPE: i32 = 91;
/// Protocol not available.
pub const ENOPROTOOPT: i32 = 92;
/// Protocol not supported.
pub const EPROTONOSUPPORT: i32 = 93;
/// Socket type not supported.
pub const ESOCKTNOSUPPORT: i32 = 94;
/// Operation not supported on transport endpoint.
pub const EOPNOTSUPP: i32 = 95;
/// Protocol family not supported.
pub const EPFNOSUPPORT: i32 = 96;
/// Address family not supported by protocol.
pub const EAFNOSUPPORT: i32 = 97;
/// Address already in use.
pub const EADDRINUSE: i32 = 98;
/// Cannot assign requested address.
pub const EADDRNOTAVAIL: i32 = 99;
/// Network is down.
pub const ENETDOWN: i32 = 100;
/// Network is unreachable.
pub const ENETUNREACH: i32 = 101;
/// Network dropped connection because of reset.
pub const ENETRESET: i32 = 102;
/// Software caused connection abort.
pub const ECONNABORTED: i32 = 103;
/// Connection reset by peer.
pub const ECONNRESET: i32 = 104;
/// No buffer space available.
pub const ENOBUFS: i32 = 105;
/// Transport endpoint is already connected.
pub const EISCONN: i32 = 106;
/// Transport endpoint is not connected.
pub const ENOTCONN: i32 = 107;
/// Cannot send after transport endpoint shutdown.
pub const ESHUTDOWN: i32 = 108;
/// Too many references: cannot splice.
pub const ETOOMANYREFS: i32 = 109;
/// Connection timed out.
pub const ETIMEDOUT: i32 = 110;
/// Connection refused.
pub const ECONNREFUSED: i32 = 111;
/// Host is down.
pub const EHOSTDOWN: i32 = 112;
/// No route to host.
pub const EHOSTUNREACH: i32 = 113;
/// Operation already in progress.
pub const EALREADY: i32 = 114;
/// Operation now in progress.
pub const EINPROGRESS: i32 = 115;
/// Stale file handle.
pub const ESTALE: i32 = 116;
/// Structure needs cleaning.
pub const EUCLEAN: i32 = 117;
/// Not a XENIX named type file.
pub const ENOTNAM: i32 = 118;
/// No XENIX semaphores available.
pub const ENAVAIL: i32 = 119;
/// Is a named type file.
pub const EISNAM: i32 = 120;
/// Remote I/O error.
pub const EREMOTEIO: i32 = 121;
/// Quota exceeded.
pub const EDQUOT: i32 = 122;
/// No medium found.
pub const ENOMEDIUM: i32 = 123;
/// Wrong medium type.
pub const EMEDIUMTYPE: i32 = 124;
/// Operation Canceled.
pub const ECANCELED: i32 = 125;
/// Required key not available.
pub const ENOKEY: i32 = 126;
/// Key has expired.
pub const EKEYEXPIRED: i32 = 127;
/// Key has been revoked.
pub const EKEYREVOKED: i32 = 128;
/// Key was rejected by service.
pub const EKEYREJECTED: i32 = 129;
/// Owner died.
pub const EOWNERDEAD: i32 = 130;
/// State not recoverable.
pub const ENOTRECOVERABLE: i32 = 131;
/// Operation not possible due to RF-kill.
pub const ERFKILL: i32 = 132;
/// Memory page has hardware error.
pub const EHWPOISON: i32 = 133;
/// Alias of [`EAGAIN`].
pub const EWOULDBLOCK: i32 = EAGAIN;
/// Alias of [`EDEADLK`].
pub const EDEADLOCK: i32 = EDEADLK;

/// Every Linux errno as `(value, name, description)`, sorted by value, no
/// duplicates (aliases are not listed).
pub const ERRNO_TABLE: &[(i32, &str, &str)] = &[
    (EPERM, "EPERM", "Operation not permitted"),
    (ENOENT, "ENOENT", "No such file or directory"),
    (ESRCH, "ESRCH", "No such process"),
    (EINTR, "EINTR", "Interrupted system call"),
    (EIO, "EIO", "I/O error"),
    (ENXIO, "ENXIO", "No such device or address"),
    (E2BIG, "E2BIG", "Argument list too long"),
    (ENOEXEC, "ENOEXEC", "Exec format error"),
    (EBADF, "EBADF", "Bad file number"),
    (ECHILD, "ECHILD", "No child processes"),
    (EAGAIN, "EAGAIN", "Try again"),
    (ENOMEM, "ENOMEM", "Out of memory"),
    (EACCES, "EACCES", "Permission denied"),
    (EFAULT, "EFAULT", "Bad address"),
    (ENOTBLK, "ENOTBLK", "Block device required"),
    (EBUSY, "EBUSY", "Device or resource busy"),
    (EEXIST, "EEXIST", "File exists"),
    (EXDEV, "EXDEV", "Cross-device link"),
    (ENODEV, "ENODEV", "No such device"),
    (ENOTDIR, "ENOTDIR", "Not a directory"),
    (EISDIR, "EISDIR", "Is a directory"),
    (EINVAL, "EINVAL", "Invalid argument"),
    (ENFILE, "ENFILE", "File table overflow"),
    (EMFILE, "EMFILE", "Too many open files"),
    (ENOTTY, "ENOTTY", "Not a typewriter"),
    (ETXTBSY, "ETXTBSY", "Text file busy"),
    (EFBIG, "EFBIG", "File too large"),
    (ENOSPC, "ENOSPC", "No space left on device"),
    (ESPIPE, "ESPIPE", "Illegal seek"),
    (EROFS, "EROFS", "Read-only file system"),
    (EMLINK, "EMLINK", "Too many links"),
    (EPIPE, "EPIPE", "Broken pipe"),
    (EDOM, "EDOM", "Math argument out of domain of func"),
    (ERANGE, "ERANGE", "Math result not representable"),
    (EDEADLK, "EDEADLK", "Resource deadlock would occur"),
    (ENAMETOOLONG, "ENAMETOOLONG", "File name too long"),
    (ENOLCK, "ENOLCK", "No record locks available"),
    (ENOSYS, "ENOSYS", "Invalid system call number"),
    (ENOTEMPTY, "ENOTEMPTY", "Directory not empty"),
    (ELOOP, "ELOOP", "Too many symbolic links encountered"),
    (ENOMSG, "ENOMSG", "No message of desired type"),
    (EIDRM, "EIDRM", "Identifier removed"),
    (ECHRNG, "ECHRNG", "Channel number out of range"),
    (EL2NSYNC, "EL2NSYNC", "Level 2 not synchronized"),
    (EL3HLT, "EL3HLT", "Level 3 halted"),
    (EL3RST, "EL3RST", "Level 3 reset"),
    (ELNRNG, "ELNRNG", "Link number out of range"),
    (EUNATCH, "EUNATCH", "Protocol driver not attached"),
    (ENOCSI, "ENOCSI", "No CSI structure available"),
    (EL2HLT, "EL2HLT", "Level 2 halted"),
    (EBADE, "EBADE", "Invalid exchange"),
    (EBADR, "EBADR", "Invalid request descriptor"),
    (EXFULL, "EXFULL", "Exchange full"),
    (ENOANO, "ENOANO", "No anode"),
    (EBADRQC, "EBADRQC", "Invalid request code"),
    (EBADSLT, "EBADSLT", "Invalid slot"),
    (EBFONT, "EBFONT", "Bad font file format"),
    (ENOSTR, "ENOSTR", "Device not a stream"),
    (ENODATA, "ENODATA", "No data available"),
    (ETIME, "ETIME", "Timer expired"),
    (ENOSR, "ENOSR", "Out of streams resources"),
    (ENONET, "ENONET", "Machine is not on the network"),
    (ENOPKG, "ENOPKG", "Package not installed"),
    (EREMOTE, "EREMOTE", "Object is remote"),
    (ENOLINK, "ENOLINK", "Link has been severed"),
    (EADV, "EADV", "Advertise error"),
    (ESRMNT, "ESRMNT", "Srmount error"),
    (ECOMM, "ECOMM", "Communication error on send"),
    (EPROTO, "EPROTO", "Protocol error"),
    (EMULTIHOP, "EMULTIHOP", "Multihop attempted"),
    (EDOTDOT, "EDOTDOT", "RFS specific error"),
    (EBADMSG, "EBADMSG", "Not a data message"),
    (
        EOVERFLOW,
        "EOVERFLOW",
        "Value too large for defined data type",
    ),
    (ENOTUNIQ, "ENOTUNIQ", "Name not unique on network"),
    (EBADFD, "EBADFD", "File descriptor in bad state"),
    (EREMCHG, "EREMCHG", "Remote address changed"),
    (ELIBACC, "ELIBACC", "Can not access a needed shared library"),
    (ELIBBAD, "ELIBBAD", "Accessing a corrupted shared library"),
    (ELIBSCN, "ELIBSCN", ".lib section in a.out corrupted"),
    (
        ELIBMAX,
        "ELIBMAX",
        "Attempting to link in too many shared libraries",
    ),
    (
        ELIBEXEC,
        "ELIBEXEC",
        "Cannot exec a shared library directly",
    ),
    (EILSEQ, "EILSEQ", "Illegal byte sequence"),
    (
        ERESTART,
        "ERESTART",
        "Interrupted system call should be restarted",
    ),
    (ESTRPIPE, "ESTRPIPE", "Streams pipe error"),
    (EUSERS, "EUSERS", "Too many users"),
    (ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket"),
    (EDESTADDRREQ, "EDESTADDRREQ", "Destination address required"),
    (EMSGSIZE, "EMSGSIZE", "Message too long"),
    (EPROTOTYPE, "EPROTOTYPE", "Protocol wrong type for socket"),
    (ENOPROTOOPT, "ENOPROTOOPT", "Protocol not available"),
    (EPROTONOSUPPORT, "EPROTONOSUPPORT", "Protocol not supported"),
    (
        ESOCKTNOSUPPORT,
        "ESOCKTNOSUPPORT",
        "Socket type not supported",
    ),
    (
        EOPNOTSUPP,
        "EOPNOTSUPP",
        "Operation not supported on transport endpoint",
    ),
    (
        EPFNOSUPPORT,
        "EPFNOSUPPORT",
        "Protocol family not supported",
    ),
    (
        EAFNOSUPPORT,
        "EAFNOSUPPORT",
        "Address family not supported by protocol",
    ),
    (EADDRINUSE, "EADDRINUSE", "Address already in use"),
    (
        EADDRNOTAVAIL,
        "EADDRNOTAVAIL",
        "Cannot assign requested address",
    ),
    (ENETDOWN, "ENETDOWN", "Network is down"),
    (ENETUNREACH, "ENETUNREACH", "Network is unreachable"),
    (
        ENETRESET,
        "ENETRESET",
        "Network dropped connection because of reset",
    ),
    (
        ECONNABORTED,
        "ECONNABORTED",
        "Software caused connection abort",
    ),
    (ECONNRESET, "ECONNRESET", "Connection reset by peer"),
    (ENOBUFS, "ENOBUFS", "No buffer space available"),
    (
        EISCONN,
        "EISCONN",
        "Transport endpoint is already connected",
    ),
    (ENOTCONN, "ENOTCONN", "Transport endpoint is not connected"),
    (
        ESHUTDOWN,
        "ESHUTDOWN",
        "Cannot send after transport endpoint shutdown",
    ),
    (
        ETOOMANYREFS,
        "ETOOMANYREFS",
        "Too many references: cannot splice",
    ),
    (ETIMEDOUT, "ETIMEDOUT", "Connection timed out"),
    (ECONNREFUSED, "ECONNREFUSED", "Connection refused"),
    (EHOSTDOWN, "EHOSTDOWN", "Host is down"),
    (EHOSTUNREACH, "EHOSTUNREACH", "No route to host"),
    (EALREADY, "EALREADY", "Operation already in progress"),
    (EINPROGRESS, "EINPROGRESS", "Operation now in progress"),
    (ESTALE, "ESTALE", "Stale file handle"),
    (EUCLEAN, "EUCLEAN", "Structure needs cleaning"),
    (ENOTNAM, "ENOTNAM", "Not a XENIX named type file"),
    (ENAVAIL, "ENAVAIL", "No XENIX semaphores available"),
    (EISNAM, "EISNAM", "Is a named type file"),
    (EREMOTEIO, "EREMOTEIO", "Remote I/O error"),
    (EDQUOT, "EDQUOT", "Quota exceeded"),
    (ENOMEDIUM, "ENOMEDIUM", "No medium found"),
    (EMEDIUMTYPE, "EMEDIUMTYPE", "Wrong medium type"),
    (ECANCELED, "ECANCELED", "Operation Canceled"),
    (ENOKEY, "ENOKEY", "Required key not available"),
    (EKEYEXPIRED, "EKEYEXPIRED", "Key has expired"),
    (EKEYREVOKED, "EKEYREVOKED", "Key has been revoked"),
    (EKEYREJECTED, "EKEYREJECTED", "Key was rejected by service"),
    (EOWNERDEAD, "EOWNERDEAD", "Owner died"),
    (ENOTRECOVERABLE, "ENOTRECOVERABLE", "State not recoverable"),
    (ERFKILL, "ERFKILL", "Operation not possible due to RF-kill"),
    (EHWPOISON, "EHWPOISON", "Memory page has hardware error"),
];
