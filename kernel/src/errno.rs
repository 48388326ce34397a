//! Kernel error numbers: Linux errno values (asm-generic/errno-base.h,
//! errno.h, through the `abi` crate), returned to user space negated.

/// A Linux errno value (positive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Errno(pub i32);

/// Result of a kernel operation that can fail with an errno.
pub type KResult<T> = Result<T, Errno>;

macro_rules! errnos {
    ($($name:ident = $v:expr, $doc:literal;)*) => {
        impl Errno { $(#[doc = $doc] pub const $name: Errno = Errno($v);)* }
    };
}

errnos! {
    EPERM = abi::errno::EPERM, "Operation not permitted.";
    ENOENT = abi::errno::ENOENT, "No such file or directory.";
    ESRCH = abi::errno::ESRCH, "No such process.";
    EINTR = abi::errno::EINTR, "Interrupted system call.";
    EIO = abi::errno::EIO, "I/O error.";
    E2BIG = abi::errno::E2BIG, "Argument list too long.";
    ENOEXEC = abi::errno::ENOEXEC, "Exec format error.";
    EBADF = abi::errno::EBADF, "Bad file descriptor.";
    ECHILD = abi::errno::ECHILD, "No child processes.";
    EAGAIN = abi::errno::EAGAIN, "Try again.";
    ENOMEM = abi::errno::ENOMEM, "Out of memory.";
    EACCES = abi::errno::EACCES, "Permission denied.";
    EFAULT = abi::errno::EFAULT, "Bad address.";
    EBUSY = abi::errno::EBUSY, "Device or resource busy.";
    EEXIST = abi::errno::EEXIST, "File exists.";
    ENODEV = abi::errno::ENODEV, "No such device.";
    ENOTDIR = abi::errno::ENOTDIR, "Not a directory.";
    EISDIR = abi::errno::EISDIR, "Is a directory.";
    EINVAL = abi::errno::EINVAL, "Invalid argument.";
    EMFILE = abi::errno::EMFILE, "Too many open files.";
    ENOTTY = abi::errno::ENOTTY, "Not a typewriter.";
    EFBIG = abi::errno::EFBIG, "File too large.";
    ENOSPC = abi::errno::ENOSPC, "No space left on device.";
    ESPIPE = abi::errno::ESPIPE, "Illegal seek.";
    EPIPE = abi::errno::EPIPE, "Broken pipe.";
    ERANGE = abi::errno::ERANGE, "Math result not representable.";
    ENAMETOOLONG = abi::errno::ENAMETOOLONG, "File name too long.";
    ENOSYS = abi::errno::ENOSYS, "Function not implemented.";
    ENOTEMPTY = abi::errno::ENOTEMPTY, "Directory not empty.";
    ELOOP = abi::errno::ELOOP, "Too many symbolic links encountered.";
    EOVERFLOW = abi::errno::EOVERFLOW, "Value too large for defined data type.";
    ETIMEDOUT = abi::errno::ETIMEDOUT, "Connection timed out.";
}
