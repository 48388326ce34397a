//! The two 8259A PICs: remapped away from the exception vectors and fully
//! masked, since the IO-APIC delivers device interrupts.
//! (Intel 8259A datasheet, ICW1-ICW4.)

use x86_64::instructions::port::Port;

/// Remaps the PICs to vectors 0x20-0x2f (so a spurious IRQ cannot look
/// like an exception) and masks every line.
pub fn disable() {
    let mut m_cmd = Port::<u8>::new(0x20);
    let mut m_data = Port::<u8>::new(0x21);
    let mut s_cmd = Port::<u8>::new(0xa0);
    let mut s_data = Port::<u8>::new(0xa1);
    // SAFETY: the standard 8259A initialisation sequence on the standard PC
    // ports; the PICs are not in use by anything else.
    unsafe {
        m_cmd.write(0x11); // ICW1: init, ICW4 follows
        s_cmd.write(0x11);
        m_data.write(0x20); // ICW2: vector base
        s_data.write(0x28);
        m_data.write(4); // ICW3: slave on IRQ2
        s_data.write(2);
        m_data.write(1); // ICW4: 8086 mode
        s_data.write(1);
        m_data.write(0xff); // OCW1: mask all
        s_data.write(0xff);
    }
}
