// The lab's servers on the command line, for the network-namespace lab and for trying regdoctor by hand.
RegdoctorLab.main()
