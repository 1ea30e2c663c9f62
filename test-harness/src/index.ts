// Work in progress: see the issue this package belongs to.
export {};
