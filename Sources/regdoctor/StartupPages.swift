import Glibc

/// Gives back the pages of the binary's relocation table (.rela.dyn, 1.7 MB) once the dynamic loader has applied it.
///
/// The loader reads the whole table before main and never again, but its pages stay mapped, and so counted in the
/// resident set, for the whole run: 7% of a healthy diagnosis' peak (issue 12). They are clean pages of a private
/// file mapping, so dropping them is safe: anything that reads them again gets them back from the file. Packed
/// relative relocations (DT_RELR) would shrink the table instead, but need glibc 2.36 and would lose Ubuntu 22.04.
func releaseRelocationTable() {
  // getauxval and <elf.h>'s AT_* are outside Glibc's module; AT_PHDR is 3, AT_PHNUM 5 (the ELF ABI).
  guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getauxval") else { return }
  let getauxval = unsafeBitCast(symbol, to: (@convention(c) (UInt) -> UInt).self)
  let phdr = getauxval(3)
  let count = Int(getauxval(5))
  guard let headers = UnsafePointer<Elf64_Phdr>(bitPattern: phdr) else { return }
  var base: UInt = 0
  var dynamic: UInt = 0
  for header in UnsafeBufferPointer(start: headers, count: count) {
    if header.p_type == UInt32(PT_PHDR) { base = phdr &- UInt(header.p_vaddr) }
    if header.p_type == UInt32(PT_DYNAMIC) { dynamic = UInt(header.p_vaddr) }
  }
  guard dynamic != 0, var entry = UnsafePointer<Elf64_Dyn>(bitPattern: base &+ dynamic) else { return }
  var table: UInt = 0
  var size: UInt = 0
  while entry.pointee.d_tag != Int64(DT_NULL) {
    if entry.pointee.d_tag == Int64(DT_RELA) { table = UInt(entry.pointee.d_un.d_ptr) }
    if entry.pointee.d_tag == Int64(DT_RELASZ) { size = UInt(entry.pointee.d_un.d_val) }
    entry += 1
  }
  // glibc rewrites DT_RELA to the loaded address; other loaders may leave the file's.
  if table != 0 && table < base { table &+= base }
  let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
  let start = (table + page - 1) / page * page
  let end = (table + size) / page * page
  guard table != 0, page > 0, end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
  _ = madvise(pointer, Int(end - start), MADV_DONTNEED)
}
