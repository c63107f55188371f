package output

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// createFile writes data to the file p, new or emptied. It makes three
// system calls for a page, open, write and close, where os.WriteFile makes
// eight: its os.File first tries to register the file with the runtime's
// poller, which a regular file refuses.
func createFile(p string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data[:min(len(data), 1<<30)])
		switch {
		case err == unix.EINTR:
			continue
		case err == nil && n == 0:
			err = io.ErrShortWrite
		}
		if err != nil {
			_ = unix.Close(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil && err != unix.EINTR {
		return &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}
